import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { Pool } from 'pg';
import { startEmbeddedPostgres } from '@themis/database';

/**
 * `npm run bench:pg-promotion`: why the hot multi-row reads go through `preparedQuery`
 * (pg's `pool.query`) and not TypeORM's `DataSource.query` (a checked-out client's promise
 * API). It reads the same 1,000 certificate-like rows both ways, in alternating rounds in one
 * process, and prints the time per read, the collector's pause time and the number of
 * mark-compacts for each. On pg 8.23 / Node 20 the checked-out client's rows were promoted to
 * old space in bulk (~3.4 MB per scavenge, then mark-compacts); re-run it after upgrading pg
 * or Node to see whether the difference still holds.
 */
const ROUNDS = 4;
const READS_PER_ROUND = 150;

type Read = (pool: Pool, sql: string, values: unknown[]) => Promise<unknown>;
const WAYS: Record<string, Read> = {
  'pool.query (preparedQuery)': (pool, sql, values) => pool.query(sql, values),
  'checked-out client, promise API (DataSource.query)': async (pool, sql, values) => {
    const client = await pool.connect();
    try {
      return await client.query(sql, values);
    } finally {
      client.release();
    }
  },
  // The same checkout with the callback API: tells whether the checkout or the promise path matters.
  'checked-out client, callback API': async (pool, sql, values) => {
    const client = await pool.connect();
    return new Promise((resolve, reject) =>
      client.query(sql, values, (err, result) => {
        client.release();
        if (err) reject(err);
        else resolve(result);
      }),
    );
  },
};

interface Tally {
  ms: number;
  gcPauseMs: number;
  markCompacts: number;
  reads: number;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-pg-promotion-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(dir);
  const pool = new Pool({ connectionString: pg.url, max: 4 });
  try {
    // The columns a verification answer reads: ids, names, titles, numbers, JSON and five timestamps.
    await pool.query(`CREATE TABLE rows_like_certificates AS
      SELECT gen_random_uuid() AS id, 'CODE-' || lpad(g::text, 14, '0') AS code, gen_random_uuid() AS user_id, gen_random_uuid() AS enrollment_id,
             'Əliyev Şəmsəddin Ağa oğlu ' || g AS holder_name, 'lawyer' AS profession, 'AZ-' || g AS bar_number, 'convention-criminal-procedure' AS course_slug,
             'Convention rights in criminal procedure ' || g AS course_title, 1 AS course_version, 2.25::numeric AS cle_hours, '{"ethics": 0.5, "procedure": 1.75}'::jsonb AS cle_categories,
             now() - interval '30 days' AS completed_at, now() - interval '29 days' AS issued_at, now() + interval '2 years' AS expires_at, 'Themis' AS issuer,
             NULL::timestamptz AS revoked_at, NULL::text AS revocation_reason, NULL::uuid AS superseded_by, NULL::uuid AS replaces, md5(g::text) || md5(g::text) AS pdf_sha256
        FROM generate_series(1, 1000) g`);
    const codes = (await pool.query<{ code: string }>(`SELECT code FROM rows_like_certificates`)).rows.map((r) => r.code);
    const sql = `SELECT * FROM rows_like_certificates WHERE code = ANY($1::text[])`;

    let pauses = 0;
    let majors = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        pauses += e.duration;
        if ((e as unknown as { detail: { kind: number } }).detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    const tallies = new Map<string, Tally>(Object.keys(WAYS).map((k) => [k, { ms: 0, gcPauseMs: 0, markCompacts: 0, reads: 0 }]));
    for (const read of Object.values(WAYS)) for (let i = 0; i < 20; i++) await read(pool, sql, [codes]); // warm up both ways
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, read] of Object.entries(WAYS)) {
        // Entries arrive asynchronously: let the previous round's land before reading the counters.
        await new Promise((r) => setImmediate(r));
        const [p0, m0, t0] = [pauses, majors, performance.now()];
        for (let i = 0; i < READS_PER_ROUND; i++) await read(pool, sql, [codes]);
        const ms = performance.now() - t0;
        await new Promise((r) => setTimeout(r, 50));
        const t = tallies.get(name)!;
        t.ms += ms;
        t.gcPauseMs += pauses - p0;
        t.markCompacts += majors - m0;
        t.reads += READS_PER_ROUND;
      }
    }
    observer.disconnect();
    console.log(`1,000-row reads, ${ROUNDS} alternating rounds of ${READS_PER_ROUND} each way (node ${process.version}, pg ${require('pg/package.json').version}):`);
    for (const [name, t] of tallies) {
      console.log(`  ${name}: ${(t.ms / t.reads).toFixed(1)} ms per read; collector ${(t.gcPauseMs / t.reads).toFixed(2)} ms per read; ${t.markCompacts} mark-compacts`);
    }
  } finally {
    await pool.end();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

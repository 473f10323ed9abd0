import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { connectAndMigrate, startEmbeddedPostgres } from '@themis/database';
import { ReportRepository } from '../libs/assessment/src/reports/report.repository';
import { CertificateRepository, ROW_COLUMNS } from '../libs/certification/src/certificates/certificate.repository';
import { seed } from './seed';

/**
 * `npm run bench:plans -- --scale 10 [--out FILE] [--keep] [--seed-only]`
 *
 * Seeds a fresh embedded PostgreSQL exactly as `npm run bench` does (the real importer, then bench/seed.ts),
 * timing each step of the seed, then prints `EXPLAIN (ANALYZE, BUFFERS)` of the queries that grow with the
 * data: verification by code, the holder-hours lookup (with and without an organisation) and every query of
 * the trainer report. The certificate and report queries are run through the real repositories, with a
 * DataSource stand-in that explains each statement before running it, so the plans are of the SQL the
 * server sends. Written up in bench/PLANS.md.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SCALE = Number(option('--scale') ?? 1);
const OUT = option('--out');
const started = Date.now();
const out: string[] = [];
const log = (line: string) => {
  const text = `[plans +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`;
  console.log(text);
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The real server, started once so that its importer loads the real courses, then stopped. */
async function importCourses(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'apps', 'server', 'src', 'main.js')], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => ((output += c.toString()), /Themis is ready at/.test(output) && resolve()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before it was ready:\n${output.slice(-3000)}`)));
  });
  await new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
}

/** Stands in for TypeORM's DataSource: each query is explained, then run for the rows the repository reads. */
function explaining(db: Client, title: string): DataSource {
  return {
    query: async (sql: string, params: unknown[] = []) => {
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      out.push(`### ${title}\n\n\`\`\`sql\n${sql.replace(/\s+/g, ' ').trim()}\n\`\`\`\n\n\`\`\`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
      return (await db.query(sql, params)).rows;
    },
  } as unknown as DataSource;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-plans-'));
  fs.chmodSync(tmp, 0o755);
  process.once('exit', () => (args.includes('--keep') ? console.log(`[plans] kept ${tmp}`) : fs.rmSync(tmp, { recursive: true, force: true })));
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir, { mode: 0o755 });
  const pg = await startEmbeddedPostgres(dataDir);
  try {
    (await connectAndMigrate(pg.url)).destroy();
    log('importing courses with the real server');
    await importCourses({ DATABASE_URL: pg.url, DATA_DIR: dataDir, KEYS_DIR: path.join(tmp, 'keys'), COURSES_DIR: path.join(ROOT, 'courses'), NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: crypto.randomBytes(32).toString('base64url'), PORT: String(await freePort()), DATABASE_CONNECT_TIMEOUT_MS: '30000' });
    const argon2 = await import('argon2');
    const passwordHash = await argon2.hash('bench-password-not-secret', { type: argon2.argon2id });
    const seeded = await seed(pg.url, { scale: SCALE, passwordHash, log: (l) => log(`seed: ${l}`) });
    log(`seeded in ${seeded.seconds.toFixed(1)} s at scale ${SCALE}: ${JSON.stringify(seeded.counts)}`);
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    try {
      const size = await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
      out.push(`Scale ${SCALE}: seeded in ${seeded.seconds.toFixed(1)} s; ${Object.entries(seeded.counts).map(([k, v]) => `${k} ${v}`).join(', ')}; database ${size.rows[0].size}. ${new Date().toISOString()}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}.\n`);
      if (args.includes('--seed-only')) return;
      // Verification by code: CertificateRepository.byCode's statement (it is prepared on the pool, so not run through the stand-in).
      const code = seeded.codes[Math.floor(seeded.codes.length / 2)];
      await explaining(db, 'Verification by code (CertificateRepository.byCode)').query(`SELECT ${ROW_COLUMNS} FROM certificates c WHERE c.code = $1`, [code]);
      // Holder hours: a verified member's number, for the organisation and without one (the public lookup).
      const member = await db.query(`SELECT bar_number_key, organisation_id FROM certificate_members ORDER BY certificate_id LIMIT 1`);
      const { bar_number_key: key, organisation_id: org } = member.rows[0];
      await new CertificateRepository(explaining(db, `Holder hours for a member of the organisation (CertificateRepository.forBarNumber, ${key})`)).forBarNumber({ barNumberKey: key, organisationId: org, from: '2020-01-01', to: null, timeZone: 'Asia/Baku' });
      await new CertificateRepository(explaining(db, `Holder hours, no organisation (CertificateRepository.forBarNumber, ${key})`)).forBarNumber({ barNumberKey: key, organisationId: null, from: null, to: null, timeZone: 'UTC' });
      // The trainer report of the big course: every query ReportService.report makes.
      const report = new ReportRepository(explaining(db, `Trainer report, ${seeded.bigCourse.slug} (ReportRepository)`));
      const v = await report.version(seeded.bigCourse.slug);
      if (v) {
        await report.enrolment(v.id);
        await report.lessonTimes(v.id);
        await report.quizzes(v.id);
        await report.questions(v.id);
      }
    } finally {
      await db.end();
    }
  } finally {
    await pg.stop();
    const text = out.join('\n');
    if (OUT) fs.writeFileSync(path.resolve(OUT), text);
    else console.log(text);
    log(`done${OUT ? `: wrote ${OUT}` : ''}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startPostgresProcess as startEmbeddedPostgres } from '../chaos/postgres-process';

/** The methods pg_hba.conf names on its rule lines (comments and blank lines aside). */
const hbaMethods = (dataDir: string) =>
  fs.readFileSync(path.join(dataDir, 'pg', 'pg_hba.conf'), 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean).map((l) => l.split(/\s+/).pop());

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * Issue 20, item 7: the embedded cluster authenticated with `password`, which sends the password in
 * the clear over loopback. It uses SCRAM-SHA-256 now, and a DATA_DIR made before is moved over on
 * its next start.
 */
describe('Embedded PostgreSQL authentication', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-auth-'));
    fs.chmodSync(d, 0o755);
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('creates a new cluster that asks for SCRAM-SHA-256 and stores a SCRAM verifier', async () => {
    const dir = dataDir();
    const db = await startEmbeddedPostgres(dir);
    try {
      expect(new Set(hbaMethods(dir))).toEqual(new Set(['scram-sha-256']));
      const rules = await query<{ auth_method: string }>(db.url, 'SELECT DISTINCT auth_method FROM pg_hba_file_rules');
      expect(rules.map((r) => r.auth_method)).toEqual(['scram-sha-256']);
      const [role] = await query<{ scram: boolean }>(db.url, `SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = 'postgres'`);
      expect(role!.scram).toBe(true);
    } finally {
      await db.stop();
    }
  });

  it('moves a DATA_DIR made with cleartext password authentication over to SCRAM on its next start, keeping its data', async () => {
    const dir = dataDir();
    const first = await startEmbeddedPostgres(dir);
    try {
      await query(first.url, `CREATE TABLE kept (name text); INSERT INTO kept VALUES ('Gülnarə')`);
      // As clusters made before this change were: md5-free, but `password` on every rule.
      await query(first.url, `SET password_encryption = 'md5'; ALTER ROLE postgres PASSWORD '${fs.readFileSync(path.join(dir, 'embedded-password'), 'utf8').trim()}'`);
    } finally {
      await first.stop();
    }
    const hba = path.join(dir, 'pg', 'pg_hba.conf');
    fs.writeFileSync(hba, fs.readFileSync(hba, 'utf8').replace(/scram-sha-256/g, 'password'));
    expect(new Set(hbaMethods(dir))).toEqual(new Set(['password']));

    const second = await startEmbeddedPostgres(dir);
    try {
      expect(new Set(hbaMethods(dir))).toEqual(new Set(['scram-sha-256']));
      const rules = await query<{ auth_method: string }>(second.url, 'SELECT DISTINCT auth_method FROM pg_hba_file_rules');
      expect(rules.map((r) => r.auth_method)).toEqual(['scram-sha-256']);
      expect(await query(second.url, 'SELECT name FROM kept')).toEqual([{ name: 'Gülnarə' }]);
    } finally {
      await second.stop();
    }
    // And it starts again as it is.
    const third = await startEmbeddedPostgres(dir);
    await third.stop();
  });
});

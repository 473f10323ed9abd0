import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig, projectRoot } from '@themis/core';
import { ensureDatabase } from '@themis/database';
import { createTestApp, loginAs, TEST_PASSWORD, TestApp, totpCodeFor } from '@themis/testing';
import { createApp } from '../../apps/server/src/platform';
import { startPostgresProcess } from '../chaos/postgres-process';
import { certifiedLearner } from './security-support';

/** `npm run backup` / `npm run restore` as an operator runs them: the CLI in its own process, from the sources. */
function cli(args: string[], env: Record<string, string>): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', path.join(projectRoot, 'apps', 'cli', 'src', 'main.ts'), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env['PATH'] ?? '', TS_NODE_PROJECT: path.join(projectRoot, 'tsconfig.jest.json'), TS_NODE_TRANSPILE_ONLY: 'true', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const PASSPHRASE = 'a backup passphrase of several words';

const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // the embedded cluster runs as the postgres user when tests run as root
  return dir;
};

async function count(url: string, sql: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

// Each CLI call is a ts-node process of its own (10-30 s on a busy two-core machine); a test makes up to five.
jest.setTimeout(240_000);

describe('Backup and restore', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  describe('with an external PostgreSQL (DATABASE_URL)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t?.close());

    it('restores a backup into a fresh database where the certificate verifies, PDF signature included', async () => {
      const admin = await loginAs(t, 'admin');
      const learner = await certifiedLearner(t, admin, { fullName: 'Aytən Məmmədova' });
      const [{ code, pdf }] = await t.db.query(`SELECT code, pdf FROM certificates WHERE user_id = $1`, [learner.id]);
      // Its TOTP secret is sealed with KEYS_DIR/totp-secret-key, which the backup must carry.
      const withMfa = await loginAs(t);
      const setup = await request(t.url).post('/api/v1/me/mfa/totp').set(withMfa.auth).expect(201);
      await request(t.url).post('/api/v1/me/mfa/totp/confirmation').set(withMfa.auth).send({ code: totpCodeFor(setup.body.secret) }).expect(200);
      const work = tempDir('themis-backup-test-');
      dirs.push(work);
      const file = path.join(work, 'nightly.tar');

      const made = cli(['backup', file], { DATABASE_URL: t.databaseUrl, KEYS_DIR: t.config.keysDir, BACKUP_PASSPHRASE: PASSPHRASE });
      expect(made).toMatchObject({ status: 0 });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      const fresh = new URL(t.databaseUrl);
      const name = `restored_${crypto.randomBytes(4).toString('hex')}`;
      const adminUrl = new URL(t.databaseUrl);
      adminUrl.pathname = '/postgres';
      await ensureDatabase(adminUrl.toString(), name); // empty: no template, no schema
      fresh.pathname = `/${name}`;
      const keysDir = path.join(work, 'keys');
      const restored = cli(['restore', file], { DATABASE_URL: fresh.toString(), KEYS_DIR: keysDir, BACKUP_PASSPHRASE: PASSPHRASE });
      expect(restored).toMatchObject({ status: 0 });
      for (const f of fs.readdirSync(keysDir)) expect([f, (fs.statSync(path.join(keysDir, f)).mode & 0o777).toString(8)]).toEqual([f, '600']);

      // A second restore over the now populated database refuses without --force.
      expect(cli(['restore', file], { DATABASE_URL: fresh.toString(), KEYS_DIR: keysDir, BACKUP_PASSPHRASE: PASSPHRASE }).status).toBe(1);

      const config = loadConfig({ DATABASE_URL: fresh.toString(), KEYS_DIR: keysDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', COURSES_DIR: t.config.coursesDir });
      const app = await createApp(config, fresh.toString());
      await app.listen(0, '127.0.0.1');
      try {
        const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
        const verified = await request(url).get(`/api/v1/verify/${code}`).expect(200);
        expect(verified.body).toMatchObject({ code, status: 'valid', holderName: 'Aytən Məmmədova' });
        const byDocument = await request(url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(pdf).expect(200);
        expect(byDocument.body).toMatchObject({ status: 'valid', code });
        // The restored token secret still accepts the learner's token.
        await request(url).get('/api/v1/me').set(learner.auth).expect(200);
        // The restored TOTP key still opens the sealed secret: a code from the app signs in.
        const challenge = await request(url).post('/api/v1/auth/login').send({ email: withMfa.email, password: TEST_PASSWORD }).expect(200);
        await request(url).post('/api/v1/auth/login/mfa').send({ mfaToken: challenge.body.mfaToken, code: totpCodeFor(setup.body.secret, Math.floor(Date.now() / 1000) + 30) }).expect(200);
        // The audit log came back, and still refuses changes.
        const c = new Client({ connectionString: fresh.toString() });
        await c.connect();
        try {
          expect(Number((await c.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'certificate.issue' AND subject = $1`, [code])).rows[0].n)).toBe(1);
          await expect(c.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
        } finally {
          await c.end();
        }
      } finally {
        await app.close();
      }
    });
  });

  describe('encryption of the keys (BACKUP_PASSPHRASE)', () => {
    let t: TestApp;
    let work: string;
    let secret: string;
    beforeAll(async () => {
      t = await createTestApp();
      work = tempDir('themis-backup-keys-');
      dirs.push(work);
      secret = fs.readFileSync(path.join(t.config.keysDir, 'token-secret'), 'utf8').trim();
    });
    afterAll(() => t?.close());
    const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: t.databaseUrl, KEYS_DIR: t.config.keysDir, ...extra });
    const listing = (file: string) => spawnSync('tar', ['-tf', file], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);

    it('refuses to write a backup with unencrypted keys unless asked to, and writes nothing', () => {
      const file = path.join(work, 'refused.tar');
      const refused = cli(['backup', file], env());
      expect(refused.status).toBe(1);
      expect(refused.out).toMatch(/BACKUP_PASSPHRASE/);
      expect(refused.out).toMatch(/--unencrypted-keys/);
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.existsSync(`${file}.partial`)).toBe(false);
    });

    it('encrypts every key file with the passphrase, so no secret is in the archive', () => {
      const file = path.join(work, 'sealed.tar');
      expect(cli(['backup', file], env({ BACKUP_PASSPHRASE: PASSPHRASE }))).toMatchObject({ status: 0 });
      const names = listing(file).filter((n) => n.startsWith('keys/') && n !== 'keys/');
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((n) => n.endsWith('.pgp'))).toBe(true);
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    });

    it('restores the keys only with the same passphrase, saying why otherwise', () => {
      const file = path.join(work, 'sealed2.tar');
      expect(cli(['backup', file], env({ BACKUP_PASSPHRASE: PASSPHRASE }))).toMatchObject({ status: 0 });
      const keysDir = path.join(work, 'restored-keys');
      const adminUrl = new URL(t.databaseUrl);
      const without = cli(['restore', file], { DATABASE_URL: adminUrl.toString(), KEYS_DIR: keysDir });
      expect(without.status).toBe(1);
      expect(without.out).toMatch(/BACKUP_PASSPHRASE/);
      const wrong = cli(['restore', file], { DATABASE_URL: adminUrl.toString(), KEYS_DIR: keysDir, BACKUP_PASSPHRASE: 'not the passphrase at all' });
      expect(wrong.status).toBe(1);
      expect(wrong.out).toMatch(/passphrase/i);
      expect(wrong.out).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(keysDir, 'token-secret'))).toBe(false);
    });

    it('writes plain keys when asked to with --unencrypted-keys, and says so', () => {
      const file = path.join(work, 'plain.tar');
      const made = cli(['backup', file, '--unencrypted-keys'], env());
      expect(made.status).toBe(0);
      expect(made.out).toMatch(/unencrypted/i);
      expect(listing(file)).toContain('keys/token-secret');
    });
  });

  describe('with the embedded PostgreSQL (DATA_DIR)', () => {
    it('backs up while the server runs and while it is stopped, and restores into a new DATA_DIR', async () => {
      const dataDir = tempDir('themis-data-');
      const restoredDir = tempDir('themis-restored-');
      const work = tempDir('themis-backup-test-');
      dirs.push(dataDir, restoredDir, work);
      const running = await startPostgresProcess(dataDir);
      // The embedded cluster's password is a secret like the keys: the server's user alone reads it.
      expect((fs.statSync(path.join(dataDir, 'embedded-password')).mode & 0o777).toString(8)).toBe('600');
      try {
        const c = new Client({ connectionString: running.url });
        await c.connect();
        await c.query(`CREATE TABLE marks (name text)`);
        await c.query(`INSERT INTO marks VALUES ('Gülnarə'), ('Rəşad')`);
        await c.end();
        fs.mkdirSync(path.join(dataDir, 'keys'), { mode: 0o700 });
        fs.writeFileSync(path.join(dataDir, 'keys', 'token-secret'), 'x'.repeat(48), { mode: 0o600 });
        // The server is running: the CLI uses its cluster (postmaster.pid) rather than starting a second one.
        expect(cli(['backup', path.join(work, 'live.tar')], { DATA_DIR: dataDir, BACKUP_PASSPHRASE: PASSPHRASE })).toMatchObject({ status: 0 });
      } finally {
        await running.stop();
      }
      // Stopped: the CLI starts the embedded cluster itself, and stops it again.
      expect(cli(['backup', path.join(work, 'cold.tar'), '--unencrypted-keys'], { DATA_DIR: dataDir })).toMatchObject({ status: 0 });
      expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      for (const file of ['live.tar', 'cold.tar']) expect((fs.statSync(path.join(work, file)).mode & 0o777).toString(8)).toBe('600');

      for (const file of ['live.tar', 'cold.tar']) {
        fs.rmSync(restoredDir, { recursive: true, force: true });
        fs.mkdirSync(restoredDir, { mode: 0o755 });
        expect(cli(['restore', path.join(work, file)], { DATA_DIR: restoredDir, BACKUP_PASSPHRASE: PASSPHRASE })).toMatchObject({ status: 0 });
        expect(fs.readFileSync(path.join(restoredDir, 'keys', 'token-secret'), 'utf8')).toBe('x'.repeat(48));
        const db = await startPostgresProcess(restoredDir);
        try {
          expect(await count(db.url, `SELECT count(*) AS n FROM marks WHERE name IN ('Gülnarə', 'Rəşad')`)).toBe(2);
        } finally {
          await db.stop();
        }
      }
    });
  });
});

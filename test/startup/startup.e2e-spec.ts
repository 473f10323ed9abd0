import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { freePort, startServer } from './server-process';

// Each test starts the compiled server (and most an embedded PostgreSQL) as its own process: on a busy
// two-core machine loading the server alone took close to a minute.
jest.setTimeout(240_000);

/** `npm start` as an operator runs it: the compiled server with an embedded PostgreSQL in DATA_DIR. */
describe('Start-up', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-start-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an embedded PostgreSQL, keeps every record across a restart, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), ADMIN_EMAIL: 'boot@example.test', ADMIN_PASSWORD: 'Quiet harbour at dusk 1896' };
    const first = startServer(env);
    const url = await first.ready;
    expect(url).toBe(`http://localhost:${port}`);
    await request(url).get('/health').expect(200, { status: 'ok' });
    const courses = await request(url).get('/api/v1/courses').expect(200);
    expect(courses.body.length).toBeGreaterThan(0);
    await request(url).post('/api/v1/auth/register').send({ email: 'kept@example.test', password: 'a-password-to-keep', fullName: 'Гюльнара Алиева', profession: 'judge' }).expect(201);
    await request(url).post('/api/v1/auth/login').send({ email: 'boot@example.test', password: 'Quiet harbour at dusk 1896' }).expect(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = startServer({ ...env, ADMIN_PASSWORD: 'a-different-password' });
    const again = await second.ready;
    const login = await request(again).post('/api/v1/auth/login').send({ email: 'kept@example.test', password: 'a-password-to-keep' }).expect(200);
    const me = await request(again).get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.fullName).toBe('Гюльнара Алиева');
    // The admin from the first start is never overwritten.
    await request(again).post('/api/v1/auth/login').send({ email: 'boot@example.test', password: 'Quiet harbour at dusk 1896' }).expect(200);
    const catalogue = await request(again).get('/api/v1/courses').expect(200);
    expect(catalogue.body.map((c: { version: number }) => c.version)).toEqual(courses.body.map((c: { version: number }) => c.version));
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('recovers after the server was killed with SIGKILL, leaving its PostgreSQL behind', async () => {
    const port = await freePort();
    const killed = startServer({ DATA_DIR: dataDir, PORT: String(port) });
    await killed.ready;
    killed.child.kill('SIGKILL');
    await killed.exited;
    const next = startServer({ DATA_DIR: dataDir, PORT: String(port) });
    await request(await next.ready).post('/api/v1/auth/login').send({ email: 'kept@example.test', password: 'a-password-to-keep' }).expect(200);
    next.child.kill('SIGTERM');
    await next.exited;
  });

  const failsWith = async (env: Record<string, string>, sentence: RegExp) => {
    const server = startServer(env);
    const code = await server.exited;
    expect(code).toBe(1);
    const lines = server.errors().trim().split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(sentence);
    expect(server.output()).not.toMatch(/\n\s+at /);
  };

  it('ends with one sentence when the port is taken', async () => {
    const blocker = net.createServer().listen(0);
    await new Promise((r) => blocker.once('listening', r));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await failsWith({ DATA_DIR: dataDir, PORT: String(port) }, new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('ends with one sentence when the data directory cannot be written', async () => {
    await failsWith({ DATA_DIR: '/etc/hostname/themis', PORT: String(await freePort()) }, /data directory \/etc\/hostname\/themis cannot be written/);
  });

  it('ends with one sentence when DATABASE_URL cannot be reached, and starts nothing embedded', async () => {
    const unused = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-nodb-'));
    await failsWith({ DATA_DIR: dir, DATABASE_URL: `postgres://themis:secret@127.0.0.1:${unused}/themis`, PORT: String(await freePort()) }, new RegExp(`Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${unused}/themis`));
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a common password', 'password1234', /^ADMIN_PASSWORD is refused: it is one of the most common passwords; set a longer/],
    ['a repeated letter', 'aaaaaaaaaaaa', /^ADMIN_PASSWORD is refused: it is too easy to guess/],
    ['the email\'s local part', 'operator-root-Kx81-vault', /^ADMIN_PASSWORD is refused: it contains the first part of ADMIN_EMAIL/],
    ['a control character', 'Quiet harbour\tat dusk 1896', /^ADMIN_PASSWORD is refused: it contains control characters/],
  ])('refuses %s as ADMIN_PASSWORD in one sentence, before it starts a database', async (_what, password, sentence) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-admin-pw-'));
    await failsWith({ DATA_DIR: dir, PORT: String(await freePort()), ADMIN_EMAIL: 'operator-root@example.test', ADMIN_PASSWORD: password }, sentence);
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every bad environment variable at once', async () => {
    const server = startServer({ DATA_DIR: dataDir, PORT: 'eighty', ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'x' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT/);
    expect(server.output()).toMatch(/ADMIN_EMAIL/);
    expect(server.output()).toMatch(/ADMIN_PASSWORD/);
  });
});

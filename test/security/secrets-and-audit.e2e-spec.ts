import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { UsersService } from '@themis/identity';
import { createTestApp, loginAs, TestApp, uniqueEmail } from '@themis/testing';
import { certifiedLearner } from './security-support';

/** The page's CSRF token and cookie for a signed-in admin, as a browser would hold them. */
async function adminForm(t: TestApp, token: string): Promise<{ cookie: string; csrf: string }> {
  const page = await request(t.url).get('/admin/users').set('Cookie', `themis_session=${token}`).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const csrfCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
  return { cookie: `themis_session=${token}; ${csrfCookie}`, csrf };
}

describe('Keys and secrets (ASVS V11, V13)', () => {
  let t: TestApp;
  const output: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };

  beforeAll(async () => {
    // Everything the server logs at the most talkative level, captured (not shown) for the leak check.
    const capture = (stream: NodeJS.WriteStream) => {
      stream.write = ((chunk: unknown) => (output.push(String(chunk)), true)) as typeof stream.write;
    };
    capture(process.stdout);
    capture(process.stderr);
    t = await createTestApp({ env: { LOG_LEVEL: 'debug' } });
  });
  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    await t?.close();
  });

  it('keeps the token secret and signing keys in KEYS_DIR, readable by the server user only', async () => {
    const admin = await loginAs(t, 'admin');
    await certifiedLearner(t, admin); // the signing keys are made by the first issue at the latest
    const dir = t.config.keysDir;
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['token-secret', 'certificate-signing.key.pem']));
    for (const f of files) expect([f, (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8)]).toEqual([f, '600']);
    // Outside the ordinary tables: no column of the database holds a key.
    const secret = fs.readFileSync(path.join(dir, 'token-secret'), 'utf8').trim();
    const keyBody = fs.readFileSync(path.join(dir, 'certificate-signing.key.pem'), 'utf8').split('\n').find((l) => l.length > 40)!;
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM (SELECT to_jsonb(u)::text AS j FROM users u UNION ALL SELECT to_jsonb(v)::text FROM verifiers v UNION ALL SELECT to_jsonb(a)::text FROM audit_log a) x WHERE strpos(j, $1) > 0 OR strpos(j, $2) > 0`,
      [secret, keyBody],
    );
    expect(n).toBe(0);
  });

  it('never logs or returns a secret, a password, a password hash or an API key', async () => {
    const admin = await loginAs(t, 'admin');
    const password = 'a-password-nobody-may-see';
    const email = uniqueEmail('secret');
    const bodies: string[] = [];
    const keep = (r: request.Response) => (bodies.push(r.text ?? ''), r);
    keep(await request(t.url).post('/api/v1/auth/register').send({ email, password, fullName: 'Lalə Hüseynova', profession: 'judge' }).expect(201));
    keep(await request(t.url).post('/api/v1/auth/login').send({ email, password: `${password}-wrong` }).expect(401));
    keep(await request(t.url).post('/api/v1/auth/login').send({ email, password }).expect(200));
    const verifier = keep(await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Sheki Bar' }).expect(201));
    const apiKey = verifier.body.apiKey as string;
    bodies.pop(); // the one response that shows the key, once, by design
    keep(await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', apiKey).send({ codes: ['X'] }));
    keep(await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', `${apiKey}x`).send({ codes: ['X'] }).expect(401));
    keep(await request(t.url).get('/api/v1/me').set('Authorization', 'Bearer not.a.token').expect(401));
    for (const p of ['/api/v1/admin/users', '/api/v1/admin/verifiers', '/api/v1/admin/audit', '/api/v1/admin/certificates', '/.well-known/jwks.json', '/.well-known/themis-issuer.json', '/admin/users', '/admin/verifiers']) {
      keep(await request(t.url).get(p).set(admin.auth).set('Cookie', `themis_session=${admin.token}`).expect(200));
    }
    const [{ password_hash: hash }] = await t.db.query(`SELECT password_hash FROM users WHERE email = $1`, [email]);
    const [{ key_hash: keyHash }] = await t.db.query(`SELECT * FROM verifiers WHERE name = 'Sheki Bar'`).then((rows: Record<string, string>[]) => rows.map((r) => ({ key_hash: Object.entries(r).find(([k]) => /hash/.test(k))?.[1] ?? '' })));
    const keysDir = t.config.keysDir;
    const secrets: Record<string, string> = {
      password,
      'password hash': hash,
      'API key': apiKey,
      'token secret': fs.readFileSync(path.join(keysDir, 'token-secret'), 'utf8').trim(),
      ...(keyHash ? { 'API key hash': keyHash } : {}),
    };
    for (const f of fs.readdirSync(keysDir).filter((f) => f.endsWith('.key.pem') || f.includes('ed25519'))) {
      secrets[f] = fs.readFileSync(path.join(keysDir, f), 'utf8').split('\n').find((l) => l.length > 40)!;
    }
    const logged = output.join('');
    expect(logged.length).toBeGreaterThan(0); // the capture works: debug logging said something
    for (const [name, value] of Object.entries(secrets)) {
      expect([name, logged.includes(value)]).toEqual([name, false]);
      expect([name, bodies.some((b) => b.includes(value))]).toEqual([name, false]);
    }
    expect(bodies.some((b) => /password_?hash|key_?hash/i.test(b))).toBe(false);
  });
});

describe('Token secret rotation', () => {
  const OLD = 'old-secret-'.padEnd(40, 'o');
  const NEW = 'new-secret-'.padEnd(40, 'n');

  it('keeps tokens signed with a previous secret valid until the operator drops it', async () => {
    const before = await createTestApp({ env: { JWT_SECRET: OLD } });
    const user = await loginAs(before, 'learner');
    await before.close();
    const during = await createTestApp({ env: { JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: OLD } });
    // Each test app has its own database: give the same account the same id there.
    await during.app.get(UsersService).createByAdmin({ email: user.email, password: user.password, fullName: 'Rotated', role: 'learner', profession: 'judge' });
    await during.db.query(`UPDATE users SET id = $1 WHERE email = $2`, [user.id, user.email]);
    // …and the session its token names (every token belongs to a row in sessions).
    const { sid } = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString('utf8')) as { sid: string };
    await during.db.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [sid, user.id]);
    try {
      await request(during.url).get('/api/v1/me').set(user.auth).expect(200);
      const fresh = await request(during.url).post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
      await request(during.url).get('/api/v1/me').set('Authorization', `Bearer ${fresh.body.accessToken}`).expect(200);
    } finally {
      await during.close();
    }
    const after = await createTestApp({ env: { JWT_SECRET: NEW } });
    try {
      await request(after.url).get('/api/v1/me').set(user.auth).expect(401);
    } finally {
      await after.close();
    }
  });
});

describe('Audit log (ASVS V16)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('records certificate issue, revocation and re-issue, role changes and verifier-key events, and shows them to admins', async () => {
    const admin = await loginAs(t, 'admin');
    const learner = await certifiedLearner(t, admin);
    const [{ code }] = await t.db.query(`SELECT code FROM certificates WHERE user_id = $1`, [learner.id]);
    const reissued = await request(t.url).post(`/api/v1/admin/certificates/${code}/reissue`).set(admin.auth).expect(201);
    await request(t.url).post(`/api/v1/admin/certificates/${reissued.body.code}/revocation`).set(admin.auth).send({ reason: 'Attendance record was false' }).expect(200);
    const verifier = await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Lankaran Bar' }).expect(201);
    await request(t.url).post(`/api/v1/admin/verifiers/${verifier.body.id}/revocation`).set(admin.auth).expect(200);
    const form = await adminForm(t, admin.token);
    await request(t.url).post(`/admin/users/${learner.id}/role`).set('Cookie', form.cookie).type('form').send({ role: 'trainer', _csrf: form.csrf }).expect(303);

    const log = await request(t.url).get('/api/v1/admin/audit?limit=100').set(admin.auth).expect(200);
    const entries = log.body.entries as { actor: string; action: string; subject: string | null }[];
    const find = (action: string, subject?: string) => entries.find((e) => e.action === action && (subject === undefined || e.subject === subject));
    expect(find('certificate.issue', code)).toMatchObject({ actor: `user:${learner.id}` });
    expect(find('certificate.reissue', code)).toMatchObject({ actor: `user:${admin.id}` });
    expect(find('certificate.revoke', reissued.body.code)).toMatchObject({ actor: `user:${admin.id}` });
    expect(find('verifier.create', verifier.body.id)).toMatchObject({ actor: `user:${admin.id}` });
    expect(find('verifier.revoke', verifier.body.id)).toMatchObject({ actor: `user:${admin.id}` });
    expect(find('user.role_change', learner.id)).toMatchObject({ actor: `user:${admin.id}` });
    expect(JSON.stringify(entries)).not.toContain(verifier.body.apiKey);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit entries at the database level', async () => {
    const admin = await loginAs(t, 'admin');
    await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Shamakhi Bar' }).expect(201);
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(before).toBeGreaterThan(0);
    await expect(t.db.query(`UPDATE audit_log SET action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'nothing'`);
    expect(after).toBe(before);
  });
});

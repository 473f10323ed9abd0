import request from 'supertest';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync } from '@otplib/totp';
import { base32 } from '../../libs/identity/src/mfa/totp';
import { totpSecretBox } from '@themis/core';
import { MfaService } from '@themis/identity';
import { createTestApp, loginAs, SignedInUser, TEST_PASSWORD, TestApp, totpCodeFor } from '@themis/testing';
import { SealTotpSecrets1796218684434 } from '../../migrations/1796218684434-SealTotpSecrets';

// Codes are computed here with otplib itself, as an authenticator app would (RFC 6238: SHA-1, 6 digits, 30 s).
const codeFor = (secret: string, epoch = Math.floor(Date.now() / 1000)) =>
  generateSync({ secret, epoch, algorithm: 'sha1', digits: 6, period: 30, crypto: new NodeCryptoPlugin(), base32 });

describe('Two-factor sign-in (TOTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function withMfa(): Promise<SignedInUser & { secret: string; recoveryCodes: string[] }> {
    const user = await loginAs(t);
    const setup = await request(t.url).post('/api/v1/me/mfa/totp').set(user.auth).expect(201);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Themis:.+\?.*secret=/);
    expect(setup.body.otpauthUri).toContain('algorithm=SHA1');
    expect(setup.body.otpauthUri).toContain('digits=6');
    expect(setup.body.otpauthUri).toContain('period=30');
    expect(setup.body.recoveryCodes).toHaveLength(10);
    const wrong = await request(t.url).post('/api/v1/me/mfa/totp/confirmation').set(user.auth).send({ code: '000000' === codeFor(setup.body.secret) ? '111111' : '000000' }).expect(400);
    expect(wrong.body.message).toContain('code');
    await request(t.url).post('/api/v1/me/mfa/totp/confirmation').set(user.auth).send({ code: codeFor(setup.body.secret) }).expect(200);
    return { ...user, secret: setup.body.secret, recoveryCodes: setup.body.recoveryCodes };
  }

  const password = (email: string) => request(t.url).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);

  it('stores the recovery codes hashed and answers 409 when MFA is already on', async () => {
    const user = await withMfa();
    const rows = await t.db.query(`SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1`, [user.id]);
    expect(rows).toHaveLength(10);
    for (const c of user.recoveryCodes) expect(JSON.stringify(rows)).not.toContain(c);
    await request(t.url).post('/api/v1/me/mfa/totp').set(user.auth).expect(409);
    expect((await request(t.url).get('/api/v1/me').set(user.auth).expect(200)).body.mfaEnabled).toBe(true);
  });

  it('asks for a code after the password, and signs in with the current TOTP code', async () => {
    const user = await withMfa();
    const first = await password(user.email);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    // The next step's code: the confirmation used the current one, and a code works once.
    const code = codeFor(user.secret, Math.floor(Date.now() / 1000) + 30);
    const res = await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: first.body.mfaToken, code }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    // The challenge is spent, and the same code is not accepted twice.
    await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: first.body.mfaToken, code }).expect(401);
    const again = await password(user.email);
    await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: again.body.mfaToken, code }).expect(401);
  });

  it('accepts a recovery code once', async () => {
    const user = await withMfa();
    const [recovery] = user.recoveryCodes;
    const first = await password(user.email);
    await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: first.body.mfaToken, code: recovery!.toLowerCase() }).expect(200);
    const second = await password(user.email);
    await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: second.body.mfaToken, code: recovery }).expect(401);
    await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: second.body.mfaToken, code: user.recoveryCodes[1] }).expect(200);
  });

  it('answers 401 for wrong codes and 429 after five for one mfaToken, even when they race', async () => {
    const user = await withMfa();
    const { body } = await password(user.email);
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: body.mfaToken, code: String(100000 + i * 7919) })));
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    // Spent: even the right code is refused now.
    await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: body.mfaToken, code: codeFor(user.secret) }).expect(429);
  });

  it('lets an admin reset a lost phone\'s MFA, in the audit log', async () => {
    const user = await withMfa();
    const admin = await loginAs(t, 'admin');
    await request(t.url).post(`/api/v1/admin/users/${user.id}/mfa-reset`).set(admin.auth).expect(200);
    const res = await password(user.email);
    expect(res.body.accessToken).toEqual(expect.any(String));
    const [entry] = await t.db.query(`SELECT actor, subject FROM audit_log WHERE action = 'user.mfa_reset' ORDER BY id DESC LIMIT 1`);
    expect(entry).toEqual({ actor: `user:${admin.id}`, subject: user.id });
  });

  it('signs in on the pages with the MFA step', async () => {
    const user = await withMfa();
    const form = await request(t.url).get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const jar = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const step = await request(t.url).post('/sign-in').set('Cookie', jar).type('form').send({ _csrf: csrf, email: user.email, password: TEST_PASSWORD, next: '/dashboard' }).expect(200);
    expect(step.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('themis_session=')]));
    const mfaToken = /name="mfaToken" value="([^"]+)"/.exec(step.text)![1]!;
    const wrong = await request(t.url).post('/sign-in/mfa').set('Cookie', jar).type('form').send({ _csrf: csrf, mfaToken, code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', next: '/dashboard' }).expect(401);
    expect(wrong.text).toContain('mfaToken');
    const done = await request(t.url).post('/sign-in/mfa').set('Cookie', jar).type('form').send({ _csrf: csrf, mfaToken, code: user.recoveryCodes[0], next: '/dashboard' }).expect(303);
    expect(done.headers.location).toBe('/dashboard');
    const session = (done.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('themis_session='))!.split(';')[0]!;
    await request(t.url).get('/dashboard').set('Cookie', session).expect(200);
  });

  it('shows a QR code on the set-up page and turns MFA on with a code', async () => {
    const user = await loginAs(t);
    const page = await request(t.url).get('/profile/mfa').set('Cookie', `themis_session=${user.token}`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const jar = `themis_session=${user.token}; ${(page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ')}`;
    const setup = await request(t.url).post('/profile/mfa/start').set('Cookie', jar).type('form').send({ _csrf: csrf }).expect(200);
    expect(setup.text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/]+(&#x3D;)*"/);
    const secret = /<code>([A-Z2-7 ]+)<\/code>/.exec(setup.text)![1]!.replace(/ /g, '');
    await request(t.url).post('/profile/mfa/confirmation').set('Cookie', jar).type('form').send({ _csrf: csrf, code: codeFor(secret) }).expect(303);
    expect((await request(t.url).get('/api/v1/me').set(user.auth).expect(200)).body.mfaEnabled).toBe(true);
  });

  describe('the TOTP secret at rest', () => {
    it('is sealed: the table holds no base32 secret, and sign-in with a code still works', async () => {
      const user = await withMfa();
      const rows = await t.db.query(`SELECT * FROM user_totp WHERE user_id = $1`, [user.id]);
      expect(rows).toHaveLength(1);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(user.secret);
      expect(stored).not.toMatch(/[A-Z2-7]{32}/);
      expect(rows[0].secret_sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
      const challenge = await password(user.email);
      await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: challenge.body.mfaToken, code: totpCodeFor(user.secret, Math.floor(Date.now() / 1000) + 30) }).expect(200);
    });

    it('is bound to its user: a sealed secret copied onto another account opens for no one', async () => {
      const owner = await withMfa();
      const other = await withMfa();
      await t.db.query(`UPDATE user_totp SET secret_sealed = (SELECT secret_sealed FROM user_totp WHERE user_id = $1), last_step = NULL WHERE user_id = $2`, [owner.id, other.id]);
      const challenge = await password(other.email);
      const res = await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: challenge.body.mfaToken, code: totpCodeFor(owner.secret, Math.floor(Date.now() / 1000) + 30) });
      expect(res.status).toBe(401);
      // The recovery path still works for the account whose secret no longer opens; then its broken row goes (an admin reset).
      const again = await password(other.email);
      await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: again.body.mfaToken, code: other.recoveryCodes[0] }).expect(200);
      await t.app.get(MfaService).reset(other.id);
    });

    it('seals the rows a database held in the clear when the migration runs, and sign-in goes on', async () => {
      const user = await withMfa();
      // The migration as the server runs it, with this app's key: down gives the old plain column back, up seals it again.
      const migration = new (class extends SealTotpSecrets1796218684434 {
        protected override secretBox() {
          return totpSecretBox(t.config);
        }
      })();
      const runner = t.db.createQueryRunner();
      try {
        await migration.down(runner);
        const [plain] = await runner.query(`SELECT secret FROM user_totp WHERE user_id = $1`, [user.id]);
        expect(plain.secret).toBe(user.secret);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      const [row] = await t.db.query(`SELECT * FROM user_totp WHERE user_id = $1`, [user.id]);
      expect(row.secret).toBeUndefined();
      expect(JSON.stringify(row)).not.toContain(user.secret);
      const challenge = await password(user.email);
      await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: challenge.body.mfaToken, code: totpCodeFor(user.secret, Math.floor(Date.now() / 1000) + 30) }).expect(200);
    });
  });
});

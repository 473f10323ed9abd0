import request from 'supertest';
import { UsersService } from '@themis/identity';
import { createTestApp, loginAs, ReceivedMail, SmtpSink, startSmtpSink, TEST_PASSWORD, TestApp, uniqueEmail } from '@themis/testing';

const cookie = (token: string) => ({ Cookie: `themis_session=${token}` });

describe('Password reset and email change by mail', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const mailTo = async (address: string, subject: RegExp, after = 0): Promise<ReceivedMail> => {
    const all = await sink.waitFor((r) => r.slice(after).some((m) => m.to.includes(address) && subject.test(m.subject)));
    return all.slice(after).find((m) => m.to.includes(address) && subject.test(m.subject))!;
  };
  const tokenIn = (mail: ReceivedMail, path: string) => {
    const m = new RegExp(`${t.config.publicUrl.replace(/[.:/]/g, '\\$&')}${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
    expect(m).not.toBeNull();
    return m![1]!;
  };
  const azUser = async () => {
    const email = uniqueEmail('reset');
    const u = await t.app.get(UsersService).createByAdmin({ email, password: TEST_PASSWORD, fullName: 'Aytən Məmmədova', role: 'learner', profession: 'judge', locale: 'az' });
    const login = await request(t.url).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    return { id: u.id, email, token: login.body.accessToken as string };
  };

  it('mails a single-use link in the holder\'s language; the reset ends every session and sends a notice', async () => {
    const user = await azUser();
    const res = await request(t.url).post('/api/v1/auth/password-reset').send({ email: user.email.toUpperCase() }).expect(202);
    expect(res.body).toEqual({});
    const mail = await mailTo(user.email, /parolunuzun bərpası/);
    expect(mail.text).toContain('Aytən Məmmədova');
    const token = tokenIn(mail, '/reset-password');
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const [stored] = await t.db.query(`SELECT token_hash FROM account_tokens WHERE user_id = $1`, [user.id]);
    expect(stored.token_hash).not.toContain(token);

    const weak = await request(t.url).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'qwertyuiop12' }).expect(400);
    expect(JSON.stringify(weak.body.message)).toContain('password');
    await request(t.url).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'amber-glacier-violin-63' }).expect(200);

    await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${user.token}`).expect(401);
    await request(t.url).get('/dashboard').set(cookie(user.token)).expect(303);
    await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: 'amber-glacier-violin-63' }).expect(200);
    const notice = await mailTo(user.email, /parolunuz dəyişdirildi/);
    expect(notice.text).toContain('Aytən Məmmədova');

    const again = await request(t.url).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'another-glacier-violin-64' }).expect(400);
    expect(again.body.message).toContain('token');
  });

  it('refuses an expired or unknown token naming token', async () => {
    const user = await azUser();
    const before = sink.received.length;
    await request(t.url).post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    const token = tokenIn(await mailTo(user.email, /./, before), '/reset-password');
    await t.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    const expired = await request(t.url).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'amber-glacier-violin-63' }).expect(400);
    expect(expired.body.message).toContain('token');
    const unknown = await request(t.url).post('/api/v1/auth/password-reset/confirm').send({ token: 'x'.repeat(43), password: 'amber-glacier-violin-63' }).expect(400);
    expect(unknown.body.message).toContain('token');
    await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('answers an unknown address exactly like a known one, and mails nothing', async () => {
    const nobody = uniqueEmail('nobody');
    const user = await azUser();
    const before = sink.received.length;
    const a = await request(t.url).post('/api/v1/auth/password-reset').send({ email: nobody }).expect(202);
    const b = await request(t.url).post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    expect(a.body).toEqual(b.body);
    await mailTo(user.email, /./, before);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.received.some((m) => m.to.includes(nobody))).toBe(false);
  });

  it('refuses MFA tokens issued before the reset', async () => {
    const user = await loginAs(t);
    await t.db.query(`UPDATE users SET mfa_enabled_at = now() WHERE id = $1`, [user.id]);
    const first = await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    expect(first.body.mfaRequired).toBe(true);
    const before = sink.received.length;
    await request(t.url).post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    const token = tokenIn(await mailTo(user.email, /./, before), '/reset-password');
    await request(t.url).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'amber-glacier-violin-63' }).expect(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM mfa_challenges WHERE user_id = $1`, [user.id]);
    expect(n).toBe(0);
    await request(t.url).post('/api/v1/auth/login/mfa').send({ mfaToken: first.body.mfaToken, code: '123456' }).expect(401);
  });

  it('limits reset requests per address with 429', async () => {
    const email = uniqueEmail('limited');
    for (let i = 0; i < 5; i++) await request(t.url).post('/api/v1/auth/password-reset').send({ email }).expect(202);
    const res = await request(t.url).post('/api/v1/auth/password-reset').send({ email }).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('lets an admin send a reset link, in the audit log', async () => {
    const user = await azUser();
    const admin = await loginAs(t, 'admin');
    const before = sink.received.length;
    await request(t.url).post(`/api/v1/admin/users/${user.id}/password-reset`).set(admin.auth).expect(202);
    tokenIn(await mailTo(user.email, /./, before), '/reset-password');
    const [entry] = await t.db.query(`SELECT subject FROM audit_log WHERE action = 'user.password_reset_link' ORDER BY id DESC LIMIT 1`);
    expect(entry.subject).toBe(user.id);
  });

  it('changes the email after a link to the new address, and tells the old one', async () => {
    const user = await azUser();
    const newEmail = uniqueEmail('moved');
    const wrong = await request(t.url).post('/api/v1/me/email-change').set('Authorization', `Bearer ${user.token}`).send({ email: newEmail, currentPassword: 'not-the-password-x' }).expect(400);
    expect(wrong.body.message).toContain('currentPassword');
    const before = sink.received.length;
    await request(t.url).post('/api/v1/me/email-change').set('Authorization', `Bearer ${user.token}`).send({ email: newEmail, currentPassword: TEST_PASSWORD }).expect(202);
    const token = tokenIn(await mailTo(newEmail, /./, before), '/confirm-email');
    expect((await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${user.token}`).expect(200)).body.email).toBe(user.email);
    const res = await request(t.url).post('/api/v1/auth/email-confirmation').send({ token }).expect(200);
    expect(res.body.email).toBe(newEmail);
    const notice = await mailTo(user.email, /./, before);
    expect(notice.text).toContain(newEmail);
    await request(t.url).post('/api/v1/auth/login').send({ email: newEmail, password: TEST_PASSWORD }).expect(200);
    const again = await request(t.url).post('/api/v1/auth/email-confirmation').send({ token }).expect(400);
    expect(again.body.message).toContain('token');
  });

  it('resets on the pages: the forgotten-password form, the link\'s form, and a used link refused', async () => {
    const user = await azUser();
    const form = await request(t.url).get('/forgot-password').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const jar = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const before = sink.received.length;
    const sent = await request(t.url).post('/forgot-password').set('Cookie', jar).type('form').send({ _csrf: csrf, email: user.email }).expect(200);
    expect(sent.text).toContain('link to reset its password is on its way');
    const token = tokenIn(await mailTo(user.email, /./, before), '/reset-password');
    const page = await request(t.url).get(`/reset-password?token=${token}`).expect(200);
    expect(page.text).toContain(`name="token" value="${token}"`);
    const weak = await request(t.url).post('/reset-password').set('Cookie', jar).set('Accept-Language', 'az').type('form').send({ _csrf: csrf, token, password: 'aaaaaaaaaaaa' }).expect(400);
    expect(weak.text).toContain('Bu şifrəni tapmaq çox asandır');
    const done = await request(t.url).post('/reset-password').set('Cookie', jar).type('form').send({ _csrf: csrf, token, password: 'amber-glacier-violin-63' }).expect(303);
    expect(done.headers.location).toBe('/sign-in?notice=passwordReset');
    const used = await request(t.url).post('/reset-password').set('Cookie', jar).type('form').send({ _csrf: csrf, token, password: 'another-glacier-violin-64' }).expect(400);
    expect(used.text).toContain('already used or expired');
    await request(t.url).get('/dashboard').set(cookie(user.token)).expect(303);
  });
});

import request from 'supertest';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync } from '@otplib/totp';
import { base32 } from '../../libs/identity/src/mfa/totp';
import { createTestApp, loginAs, TEST_PASSWORD, TestApp, uniqueEmail } from '@themis/testing';

const codeFor = (secret: string) => generateSync({ secret, algorithm: 'sha1', digits: 6, period: 30, crypto: new NodeCryptoPlugin(), base32 });
const cookie = (token: string) => ({ Cookie: `themis_session=${token}` });

describe('REQUIRE_STAFF_MFA, the sign-in throttle and the registration limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REQUIRE_STAFF_MFA: 'true', REGISTRATION_MAX_PER_HOUR_PER_IP: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' } });
  });
  afterAll(() => t.close());

  it.each(['trainer', 'admin'] as const)('lets a %s without MFA reach only /me and the MFA set-up, until MFA is on', async (role) => {
    const staff = await loginAs(t, role);
    await request(t.url).get('/api/v1/me').set(staff.auth).expect(200);
    await request(t.url).get('/api/v1/me/progress').set(staff.auth).expect(403);
    await request(t.url).get('/api/v1/author/courses/path-course/quizzes/basics-quiz').set(staff.auth).expect(403);
    await request(t.url).get('/api/v1/admin/users').set(staff.auth).expect(403);
    await request(t.url).get('/profile').set(cookie(staff.token)).expect(200);
    await request(t.url).get('/profile/mfa').set(cookie(staff.token)).expect(200);
    const page = await request(t.url).get('/staff/courses').set(cookie(staff.token)).expect(303);
    expect(page.headers.location).toBe('/profile/mfa');
    await request(t.url).get('/dashboard').set(cookie(staff.token)).expect(303);

    const setup = await request(t.url).post('/api/v1/me/mfa/totp').set(staff.auth).expect(201);
    await request(t.url).post('/api/v1/me/mfa/totp/confirmation').set(staff.auth).send({ code: codeFor(setup.body.secret) }).expect(200);
    await request(t.url).get('/api/v1/author/courses/path-course/quizzes/basics-quiz').set(staff.auth).expect(200);
    await request(t.url).get('/staff/courses').set(cookie(staff.token)).expect(200);
  });

  it('still lets a held-back staff session sign out', async () => {
    const staff = await loginAs(t, 'admin');
    await request(t.url).post('/api/v1/auth/logout').set(staff.auth).expect(204);
    await request(t.url).get('/api/v1/me').set(staff.auth).expect(401);
  });

  it('leaves learners alone', async () => {
    const learner = await loginAs(t);
    await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200);
    await request(t.url).get('/dashboard').set(cookie(learner.token)).expect(200);
  });

  it('checks at most the limit of 20 concurrent wrong passwords, and refuses the rest with 429', async () => {
    const user = await loginAs(t);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: `wrong-password-${i}` })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
  });

  it('lets an admin unlock a locked sign-in, in the audit log', async () => {
    const user = await loginAs(t);
    for (let i = 0; i < 5; i++) await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: `wrong-password-${i}` }).expect(401);
    await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    const admin = await loginAs(t, 'admin');
    await t.db.query(`UPDATE users SET mfa_enabled_at = now() WHERE id = $1`, [admin.id]); // as if MFA were on (REQUIRE_STAFF_MFA)
    await request(t.url).post(`/api/v1/admin/users/${user.id}/unlock`).set(admin.auth).expect(200);
    await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const [entry] = await t.db.query(`SELECT subject FROM audit_log WHERE action = 'user.unlock' ORDER BY id DESC LIMIT 1`);
    expect(entry.subject).toBe(user.id);
  });

  it('answers 429 with Retry-After after REGISTRATION_MAX_PER_HOUR_PER_IP registrations from one address', async () => {
    const body = () => ({ email: uniqueEmail('reg'), password: 'violet-anchor-tundra-19', fullName: 'Nigar Əliyeva', profession: 'judge' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => request(t.url).post('/api/v1/auth/register').send(body())));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });
});

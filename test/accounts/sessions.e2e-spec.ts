import request from 'supertest';
import { JwtService } from '@nestjs/jwt';
import { TokenKeys } from '@themis/identity';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TEST_PASSWORD, TestApp } from '@themis/testing';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const cookie = (token: string) => ({ Cookie: `themis_session=${token}` });

describe('Sessions that end', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const login = async (email: string, password = TEST_PASSWORD): Promise<string> =>
    (await request(t.url).post('/api/v1/auth/login').send({ email, password }).expect(200)).body.accessToken;

  /** The token opens an API route and a page (the dashboard). */
  const expectOpen = async (token: string) => {
    await request(t.url).get('/api/v1/me/progress').set(bearer(token)).expect(200);
    await request(t.url).get('/dashboard').set(cookie(token)).expect(200);
  };
  /** The token is refused: 401 on the API, the page sends to sign-in. */
  const expectEnded = async (token: string) => {
    await request(t.url).get('/api/v1/me/progress').set(bearer(token)).expect(401);
    const page = await request(t.url).get('/dashboard').set(cookie(token)).expect(303);
    expect(page.headers.location).toMatch(/^\/sign-in\?next=/);
  };

  it('refuses a token after sign-out (204), on the API and on pages, and keeps the other sessions', async () => {
    const user = await loginAs(t);
    const other = await login(user.email);
    await expectOpen(user.token);
    await request(t.url).post('/api/v1/auth/logout').set(user.auth).expect(204);
    await expectEnded(user.token);
    await expectOpen(other);
  });

  it('ends the page session on the server when the browser signs out', async () => {
    const user = await loginAs(t);
    const page = await request(t.url).get('/dashboard').set(cookie(user.token)).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    await request(t.url).post('/sign-out').set('Cookie', `themis_session=${user.token}; ${csrfCookie}`).type('form').send({ _csrf: csrf }).expect(303);
    await expectEnded(user.token);
  });

  it('ends every session of the account on "sign out everywhere"', async () => {
    const user = await loginAs(t);
    const other = await login(user.email);
    await request(t.url).delete('/api/v1/me/sessions').set(user.auth).expect(204);
    await expectEnded(user.token);
    await expectEnded(other);
  });

  it('changes the password: a fresh token, every other token and the old password refused', async () => {
    const user = await loginAs(t);
    const other = await login(user.email);
    const wrong = await request(t.url).post('/api/v1/me/password').set(user.auth).send({ currentPassword: 'not-my-password-at-all', newPassword: 'quiet-river-copper-88' }).expect(400);
    expect(wrong.body.message).toContain('currentPassword');
    const weak = await request(t.url).post('/api/v1/me/password').set(user.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'password1234' }).expect(400);
    expect(weak.body.message).toContain('newPassword');
    await expectOpen(user.token); // a refused change changes nothing
    const res = await request(t.url).post('/api/v1/me/password').set(user.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'quiet-river-copper-88' }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    await expectEnded(user.token);
    await expectEnded(other);
    await expectOpen(res.body.accessToken);
    await request(t.url).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await login(user.email, 'quiet-river-copper-88');
  });

  it('ends the sessions of a user whose role changes or who is deactivated; activation lets them sign in again', async () => {
    const trainer = await loginAs(t, 'trainer');
    await expectOpen(trainer.token);
    await request(t.url).put(`/api/v1/admin/users/${trainer.id}/role`).set(admin.auth).send({ role: 'learner' }).expect(200);
    await expectEnded(trainer.token);

    const learner = await loginAs(t);
    await request(t.url).post(`/api/v1/admin/users/${learner.id}/deactivation`).set(admin.auth).expect(200);
    await expectEnded(learner.token);
    await request(t.url).post('/api/v1/auth/login').send({ email: learner.email, password: TEST_PASSWORD }).expect(401);
    await request(t.url).post(`/api/v1/admin/users/${learner.id}/activation`).set(admin.auth).expect(200);
    await expectOpen(await login(learner.email));
  });

  it('refuses a correctly signed token without exp, and one whose session row is gone', async () => {
    const user = await loginAs(t);
    const keys = t.app.get(TokenKeys);
    const [session] = await t.db.query(`SELECT id FROM sessions WHERE user_id = $1`, [user.id]);
    const noExp = t.app.get(JwtService).sign({ sub: user.id, sid: session.id, name: 'x' }, { secret: keys.current.secret, keyid: keys.current.kid, algorithm: 'HS256' });
    await request(t.url).get('/api/v1/me').set(bearer(noExp)).expect(401);
    await request(t.url).get('/api/v1/me').set(user.auth).expect(200);
    await t.db.query(`DELETE FROM sessions WHERE user_id = $1`, [user.id]);
    await expectEnded(user.token);
  });

  it('gives a demoted admin 404 for another holder\'s certificate at once, on every download route', async () => {
    const holder = await loginAs(t, 'learner', { fullName: 'Certified Holder' });
    const path = new LearnerPath(t, holder);
    await path.enroll('path-course');
    await path.completeAllLessons('path-course');
    await path.passQuiz('path-course', 'basics-quiz', admin);
    const code = (await request(t.url).get('/api/v1/me/certificates').set(holder.auth).expect(200)).body[0].code as string;
    const other = await loginAs(t, 'admin');
    const routes = [`/api/v1/certificates/${code}/pdf`, `/api/v1/certificates/${code}/credential`];
    for (const r of routes) await request(t.url).get(r).set(other.auth).expect(200);
    await request(t.url).get(`/certificates/${code}.pdf`).set(cookie(other.token)).expect(200);

    // The role is read from the database on every request: the same token is a learner's at once.
    await t.db.query(`UPDATE users SET role = 'learner' WHERE id = $1`, [other.id]);
    for (const r of routes) await request(t.url).get(r).set(other.auth).expect(404);
    await request(t.url).get(`/certificates/${code}.pdf`).set(cookie(other.token)).expect(404);
    for (const r of routes) await request(t.url).get(r).set(holder.auth).expect(200);
  });
});

import request from 'supertest';
import { createTestApp, LearnerPath, loginAs, SignedInUser, SmtpSink, startSmtpSink, TEST_PASSWORD, TestApp } from '@themis/testing';
import { OrganisationsService } from '@themis/organisations';

describe('A learner\'s own data: download and account closure', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: sink.url } });
    admin = await loginAs(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** A certificate of path-course, and an unfinished timed-course with an attempt. */
  async function learnerWithHistory(): Promise<SignedInUser & { code: string }> {
    const learner = await loginAs(t, 'learner', { fullName: 'Leyla Hüseynova', barNumber: 'AZ-77' });
    const path = new LearnerPath(t, learner);
    await path.enroll('path-course');
    await path.completeAllLessons('path-course');
    await path.passQuiz('path-course', 'basics-quiz', admin);
    await path.enroll('timed-course');
    const timed = await request(t.url).get('/api/v1/courses/timed-course').expect(200);
    await request(t.url).post(`/api/v1/courses/timed-course/quizzes/${timed.body.modules[0].quiz.slug}/attempts`).set(learner.auth).expect(201);
    const code = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code as string;
    return { ...learner, code };
  }

  it('downloads everything as one JSON file, and only the holder\'s own', async () => {
    const learner = await learnerWithHistory();
    const res = await request(t.url).get('/api/v1/me/data').set(learner.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.account).toMatchObject({ id: learner.id, email: learner.email, fullName: 'Leyla Hüseynova', barNumber: 'AZ-77' });
    expect(res.body.enrolments.map((e: { courseSlug: string }) => e.courseSlug).sort()).toEqual(['path-course', 'timed-course']);
    expect(res.body.certificates).toEqual([expect.objectContaining({ code: learner.code })]);
    expect(res.body.quizAttempts).toHaveLength(2);
    expect(res.body.security.sessions.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(res.body)).not.toMatch(/password_?hash|token_hash|secret/i);
    const page = await request(t.url).get('/profile/data.json').set('Cookie', `themis_session=${learner.token}`).expect(200);
    expect(JSON.parse(page.text).account.id).toBe(learner.id);
  });

  it('closes the account: sessions end, contact data and unfinished courses go, the email is free, the certificate stays verifiable', async () => {
    const learner = await learnerWithHistory();
    const other = (await request(t.url).post('/api/v1/auth/login').send({ email: learner.email, password: TEST_PASSWORD }).expect(200)).body.accessToken;
    const wrong = await request(t.url).post('/api/v1/me/closure').set(learner.auth).send({ currentPassword: 'not-my-password-x' }).expect(400);
    expect(wrong.body.message).toContain('currentPassword');
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(before).toBe(2);
    const bar = await t.app.get(OrganisationsService).create({ name: 'Closure Bar' });
    await request(t.url).post('/api/v1/me/memberships').set(learner.auth).send({ organisationId: bar.id, barNumber: 'CL-1001' }).expect(201);
    await request(t.url).post('/api/v1/me/closure').set(learner.auth).send({ currentPassword: TEST_PASSWORD }).expect(204);

    for (const token of [learner.token, other]) {
      await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
      await request(t.url).get('/dashboard').set('Cookie', `themis_session=${token}`).expect(303);
    }
    await request(t.url).post('/api/v1/auth/login').send({ email: learner.email, password: TEST_PASSWORD }).expect(401);

    const [user] = await t.db.query(`SELECT email, full_name, bar_number, closed_at FROM users WHERE id = $1`, [learner.id]);
    expect(user).toMatchObject({ full_name: '', bar_number: null, closed_at: expect.any(Date) });
    expect(user.email).not.toContain(learner.email);
    const enrolments = await t.db.query(`SELECT e.completed_at FROM enrollments e WHERE e.user_id = $1`, [learner.id]);
    expect(enrolments).toEqual([{ completed_at: expect.any(Date) }]);
    const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(after).toBe(1); // the passed attempt behind the certificate
    expect(await t.db.query(`SELECT id FROM memberships WHERE user_id = $1`, [learner.id])).toEqual([]);

    const verify = await request(t.url).get(`/api/v1/verify/${learner.code}`).expect(200);
    expect(verify.body).toMatchObject({ status: 'valid', holderName: 'Leyla Hüseynova' });
    await request(t.url).post('/api/v1/auth/register').send({ email: learner.email, password: 'fresh-start-meadow-55', fullName: 'Leyla Hüseynova', profession: 'judge' }).expect(201);
    await sink.waitFor((r) => r.some((m) => m.to.includes(learner.email) && /closed/i.test(m.subject)));
    const [entry] = await t.db.query(`SELECT actor FROM audit_log WHERE action = 'account.close' ORDER BY id DESC LIMIT 1`);
    expect(entry.actor).toBe(`user:${learner.id}`);
  });

  it('refuses to close the last active admin\'s account', async () => {
    await t.db.query(`UPDATE users SET role = 'learner' WHERE role = 'admin' AND id <> $1`, [admin.id]);
    await request(t.url).post('/api/v1/me/closure').set(admin.auth).send({ currentPassword: TEST_PASSWORD }).expect(409);
    await request(t.url).get('/api/v1/me').set(admin.auth).expect(200);
  });
});

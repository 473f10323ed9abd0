import request from 'supertest';
import { generateCertificateCode, PublicRateLimit } from '@themis/certification';
import { createTestApp, LearnerPath, loginAs, TestApp, binaryBody } from '@themis/testing';

const COURSE = 'path-course';

/**
 * Two instances of the server on one PostgreSQL, as behind a load balancer: they share the
 * token secret and signing keys (KEYS_DIR) and nothing else. A session from one is good on
 * the other, and the completion race split across both still yields one certificate.
 */
describe('Scaling out: two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '20', TRUST_PROXY: 'true' } });
    b = await createTestApp({ databaseUrl: a.databaseUrl, env: { KEYS_DIR: a.config.keysDir, PUBLIC_RATE_LIMIT_PER_MINUTE: '20', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('accepts on one instance the token issued by the other', async () => {
    const learner = await loginAs(a, 'learner');
    await request(b.url).get('/api/v1/me').set(learner.auth).expect(200);
    const login = await request(b.url).post('/api/v1/auth/login').send({ email: learner.email, password: learner.password }).expect(200);
    await request(a.url).get('/api/v1/me').set({ Authorization: `Bearer ${login.body.accessToken}` }).expect(200);
  });

  it('issues exactly one certificate when 20 completions race across both instances', async () => {
    const admin = await loginAs(a, 'admin');
    const learner = await loginAs(a, 'learner', { fullName: 'Two Instance Runner' });
    const path = new LearnerPath(a, learner);
    await path.enroll(COURSE);
    await path.completeAllLessons(COURSE, ['lesson-two']);
    await path.passQuiz(COURSE, 'basics-quiz', admin);
    await request(b.url).get(`/api/v1/courses/${COURSE}/lessons/lesson-two`).set(learner.auth).expect(200);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request((i % 2 ? b : a).url).post(`/api/v1/courses/${COURSE}/lessons/lesson-two/completion`).set(learner.auth)),
    );

    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = await a.db.query(`SELECT code FROM certificates WHERE user_id = $1`, [learner.id]);
    expect(rows).toHaveLength(1);
    const codes = new Set(answers.map((r) => r.body.certificateCode).filter(Boolean));
    expect([...codes]).toEqual([rows[0].code]);
    // Either instance verifies it and serves the same stored PDF.
    await request(a.url).get(`/api/v1/verify/${rows[0].code}`).expect(200);
    await request(b.url).get(`/api/v1/verify/${rows[0].code}`).expect(200);
    const pdfA = await request(a.url).get(`/api/v1/certificates/${rows[0].code}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200);
    const pdfB = await request(b.url).get(`/api/v1/certificates/${rows[0].code}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200);
    expect(Buffer.compare(pdfA.body as Buffer, pdfB.body as Buffer)).toBe(0);
  });

  it('counts public lookups against one limit shared by both instances', async () => {
    // The limit is per minute: start well inside one so the whole test falls in the same window.
    if (new Date().getSeconds() > 45) await new Promise((r) => setTimeout(r, (61 - new Date().getSeconds()) * 1000));
    const code = generateCertificateCode();
    const lookup = (t: TestApp) => request(t.url).get(`/api/v1/verify/${code}`).set('X-Forwarded-For', '203.0.113.77');
    for (let i = 0; i < 15; i++) expect((await lookup(a)).status).toBe(404);
    await a.app.get(PublicRateLimit).flush();
    // b learns the shared total with its first flush; from then on it refuses past the limit.
    expect((await lookup(b)).status).toBe(404);
    await b.app.get(PublicRateLimit).flush();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await lookup(b)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    await b.app.get(PublicRateLimit).flush();
    const [row] = await a.db.query(`SELECT sum(count)::int AS n FROM rate_limit_counters WHERE key LIKE '%203.0.113.77'`);
    expect(row.n).toBe(22);
  });
});

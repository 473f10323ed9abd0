import request from 'supertest';
import { createTestApp, loginAs, TestApp } from '@themis/testing';

describe('Bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM users'))[0].n as number;

  it('answers malformed JSON with 400 in the JSON error shape', async () => {
    const res = await request(t.url).post('/api/v1/auth/register').set('content-type', 'application/json').send('{"email": ').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('answers an oversized body with 413 and writes nothing', async () => {
    const before = await userCount();
    const res = await request(t.url)
      .post('/api/v1/auth/register')
      .send({ email: 'big@example.test', password: 'x'.repeat(20), fullName: 'A'.repeat(400_000), profession: 'judge' })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413 });
    expect(await userCount()).toBe(before);
  });

  it.each([
    ['a number for a string', { email: 12, password: 'correct-horse-battery', fullName: 'A', profession: 'judge' }, 'email'],
    ['an array for a string', { email: 'a@b.test', password: ['x'], fullName: 'A', profession: 'judge' }, 'password'],
    ['an object for a name', { email: 'a@b.test', password: 'correct-horse-battery', fullName: { first: 'A' }, profession: 'judge' }, 'fullName'],
    ['a name too long', { email: 'a@b.test', password: 'correct-horse-battery', fullName: 'Ə'.repeat(201), profession: 'judge' }, 'fullName'],
    ['a prototype key', JSON.parse('{"email":"p@b.test","password":"correct-horse-battery","fullName":"A","profession":"judge","__proto__":{"role":"admin"}}'), '__proto__'],
  ])('answers %s with 400 naming the field', async (_what, body, field) => {
    const before = await userCount();
    const res = await request(t.url).post('/api/v1/auth/register').send(body).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await userCount()).toBe(before);
  });

  it('answers unknown routes and ids with 404, not 500', async () => {
    const learner = await loginAs(t);
    await request(t.url).get('/api/v1/nothing-here').expect(404);
    await request(t.url).get('/api/v1/courses/%00%27;DROP TABLE users;--').expect(404);
    await request(t.url).post('/api/v1/attempts/00000000-0000-4000-8000-000000000000/submission').set(learner.auth).send({ answers: [] }).expect(404);
  });

  it('answers a login body of the wrong shape with 400, not 500', async () => {
    const res = await request(t.url).post('/api/v1/auth/login').send({ email: ['x'], password: 1 }).expect(400);
    expect(res.body.message).toMatch(/email/);
  });

  // Issue 13, item 6: one pipe reads every positive-integer parameter; pages no longer fall back silently.
  it.each(['abc', '0', '1e3', '2147483648'])('answers ?version=%s on the report API with 400 naming the parameter', async (bad) => {
    const trainer = await loginAs(t, 'trainer');
    const res = await request(t.url).get(`/api/v1/author/courses/path-course/report?version=${bad}`).set(trainer.auth).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, field: 'version', message: 'version must be a whole number from 1 to 2147483647' });
  });

  it('answers a bad revision on a draft DELETE with 400 naming it', async () => {
    const trainer = await loginAs(t, 'trainer');
    const res = await request(t.url).delete('/api/v1/author/courses/path-course/draft/modules/m1?revision=abc').set(trainer.auth).expect(400);
    expect(res.body).toMatchObject({ field: 'revision' });
  });

  it.each([
    ['en', '/staff/reports/path-course?version=abc', '“version”'],
    ['ru', '/staff/reports/path-course/report.csv?version=0', '«version»'],
    ['az', '/staff/authoring/path-course/diff?from=1&to=x', '“to”'],
  ])('answers a bad number in a page address with the 400 page naming it (%s: %s)', async (lang, path, named) => {
    const trainer = await loginAs(t, 'trainer');
    // A signed-in reader's pages are in the language of their profile.
    await t.db.query('UPDATE users SET locale = $1 WHERE id = $2', [lang, trainer.id]);
    const res = await request(t.url).get(path).set('Cookie', `themis_session=${trainer.token}`).expect(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain(named);
    expect(res.text).toContain(lang === 'en' ? 'whole number from 1' : lang === 'ru' ? 'целое число' : 'tam ədəd');
  });
});

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
});

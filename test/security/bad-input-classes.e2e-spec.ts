import request from 'supertest';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { VerifiersService } from '@themis/identity';
import { ALIAS_BOMB_YAML, zipOf } from './security-support';

/** Issue 20, item 1: input that once reached PostgreSQL or the YAML parser and came back as a 500. */
describe('Bad input of the classes that once answered 500', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let trainer: SignedInUser;
  let apiKey: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    trainer = await loginAs(t, 'trainer');
    apiKey = (await t.app.get(VerifiersService).create({ name: 'Classes Bar' })).apiKey;
  });
  afterAll(() => t.close());

  it.each([
    ['/api/v1/admin/certificates?offset=1e20', 'offset'],
    ['/api/v1/admin/audit?offset=1e20', 'offset'],
    ['/api/v1/admin/certificates?offset=2147483648', 'offset'], ['/api/v1/admin/certificates?limit=1e20', 'limit'],
    ['/api/v1/admin/audit?limit=1e2&offset=9007199254740993', 'offset'],
  ])('answers %s with 400 naming the field', async (url, field) => {
    const res = await request(t.url).get(url).set(admin.auth).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it.each([
    ['from=1&to=2147483648', 'to'],
    ['from=-1&to=2', 'from'],
    ['from=1.5&to=2', 'from'],
    ['from=1e20&to=2', 'from'],
    ['from=99999999999999999999&to=1', 'from'],
  ])('answers a diff with %s with 400 naming the field', async (qs, field) => {
    const res = await request(t.url).get(`/api/v1/author/courses/path-course/diff?${qs}`).set(trainer.auth).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it.each([
    ['from=2026-02-31', 'from'],
    ['to=2026-04-31', 'to'],
    ['from=2025-02-29', 'from'],
    ['from=2026-13-01', 'from'],
  ])('answers an impossible date %s with 400 naming the field', async (qs, field) => {
    const res = await request(t.url).get(`/api/v1/verify/holders/AZ-1?${qs}`).set('X-Api-Key', apiKey).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it('accepts a real leap day', async () => {
    const res = await request(t.url).get('/api/v1/verify/holders/AZ-1?from=2024-02-29&to=2024-03-01').set('X-Api-Key', apiKey);
    expect(res.status).not.toBe(400);
  });

  it('answers a course zip whose course.yaml nests aliases exponentially with 400 naming the file and line', async () => {
    const zip = await zipOf({ 'bomb/course.yaml': ALIAS_BOMB_YAML, 'bomb/m/module.yaml': 'title: M\nlessons: [l]\n', 'bomb/m/l.md': '---\ntitle: L\n---\nText.\n' });
    const res = await request(t.url).post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip').send(zip).expect(400);
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'bomb/course.yaml', line: expect.any(Number), message: expect.stringMatching(/alias/i) })]));
    await request(t.url).get('/api/v1/courses/bomb').expect(404);
  });
});

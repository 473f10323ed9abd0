import request from 'supertest';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';

/**
 * Issue 20, item 2: Express matches routes case-insensitively, so `/API/v1/me` reaches the API
 * controller. The page/API split must agree with it: the API takes Bearer tokens only, never the
 * page session cookie, whatever the case of the path.
 */
describe('The page/API split', () => {
  let t: TestApp;
  let learner: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    learner = await loginAs(t, 'learner');
  });
  afterAll(() => t.close());

  it.each(['/api/v1/me', '/API/v1/me', '/Api/V1/me', '/aPi/v1/me/certificates', '/API/v1/me/progress'])('refuses the session cookie on %s (401)', async (path) => {
    const res = await request(t.url).get(path).set('Cookie', `themis_session=${learner.token}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401 });
  });

  it.each(['/%61pi/v1/me', '//api/v1/me', '/api/v1/../v1/me', '/API/v1/me/'])('gives no one\'s data for the cookie on %s', async (path) => {
    const res = await request(t.url).get(path).set('Cookie', `themis_session=${learner.token}`);
    expect([401, 404]).toContain(res.status);
    expect(res.text).not.toContain(learner.email);
  });

  it.each(['/api/v1/me', '/API/v1/me', '/Api/V1/me'])('accepts the Bearer token on %s', async (path) => {
    const res = await request(t.url).get(path).set(learner.auth).expect(200);
    expect(res.body.email).toBe(learner.email);
  });

  it('answers an upper-case API path with JSON, not a page', async () => {
    const res = await request(t.url).get('/API/v1/courses/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('still reads the session cookie on pages, whatever their case', async () => {
    const res = await request(t.url).get('/Dashboard').set('Cookie', `themis_session=${learner.token}`).redirects(0);
    expect(res.status).toBe(200);
  });
});

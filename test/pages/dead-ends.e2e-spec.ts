import request from 'supertest';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

/** Issue 20, item 12: error pages that leave the learner nowhere to go but the catalogue. */
describe('Error pages with a way on', () => {
  let t: TestApp;
  let learner: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    learner = await loginAs(t, 'learner');
  });
  afterAll(() => t.close());
  const session = () => `themis_session=${learner.token}`;

  it('links "enrol first" to the course page, not the catalogue', async () => {
    const res = await request(t.url).get('/courses/path-course/lessons/lesson-one').set('Cookie', session());
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/<a href="\/courses\/path-course">/);
  });

  it('says how long is left before a lesson can be marked complete, and links back to it', async () => {
    await new LearnerPath(t, learner).enroll('timed-course');
    const lesson = await request(t.url).get('/courses/timed-course/lessons/only-lesson').set('Cookie', session()).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(lesson.text)![1]!;
    const csrf = ([] as string[]).concat(lesson.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
    const res = await request(t.url).post('/courses/timed-course/lessons/only-lesson/completion').set('Cookie', `${session()}; ${csrf}`).type('form').send({ _csrf: token }).redirects(0);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<a href="\/courses\/timed-course\/lessons\/only-lesson">/);
    const left = /(\d+) seconds of study time left/.exec(res.text);
    expect(left).not.toBeNull();
    expect(Number(left![1])).toBeGreaterThan(0);
    expect(Number(left![1])).toBeLessThanOrEqual(30);
  });
});

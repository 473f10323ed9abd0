import request from 'supertest';
import { createTestApp, LearnerPath, loginAs, TestApp } from '@themis/testing';

describe('Learning API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists published courses with their CLE hours and module count, filtered by audience', async () => {
    const all = await request(t.url).get('/api/v1/courses').expect(200);
    expect(all.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: 'path-course', title: 'Path course', cleHours: 2, audience: ['defense_attorney', 'judge'], version: 1, moduleCount: 1 })]),
    );
    const prosecutors = await request(t.url).get('/api/v1/courses?audience=prosecutor').expect(200);
    expect(prosecutors.body.map((c: { slug: string }) => c.slug)).toEqual(['timed-course']);
    await request(t.url).get('/api/v1/courses?audience=astronaut').expect(400);
  });

  it('shows a course with modules, lessons and quiz summaries, and 404 for an unknown one', async () => {
    const res = await request(t.url).get('/api/v1/courses/path-course').expect(200);
    expect(res.body).toMatchObject({
      slug: 'path-course',
      cleHours: 2,
      version: 1,
      modules: [{ slug: 'basics', lessons: [{ slug: 'lesson-one', title: 'Lesson one' }, { slug: 'lesson-two', title: 'Lesson two' }], quiz: { slug: 'basics-quiz', passMark: 60, questionCount: 3, maxAttempts: 2 } }],
    });
    await request(t.url).get('/api/v1/courses/no-such-course').expect(404);
    await request(t.url).get('/api/v1/courses/NOT%20A%20SLUG').expect(404);
  });

  it('enrols with 201 the first time and 200 after', async () => {
    const learner = await loginAs(t);
    const first = await request(t.url).post('/api/v1/courses/path-course/enrollment').set(learner.auth).expect(201);
    expect(first.body).toMatchObject({ courseSlug: 'path-course' });
    expect(new Date(first.body.enrolledAt).getTime()).not.toBeNaN();
    const again = await request(t.url).post('/api/v1/courses/path-course/enrollment').set(learner.auth).expect(200);
    expect(again.body.enrolledAt).toBe(first.body.enrolledAt);
    await request(t.url).post('/api/v1/courses/no-such-course/enrollment').set(learner.auth).expect(404);
    await request(t.url).post('/api/v1/courses/path-course/enrollment').expect(401);
  });

  it('refuses a lesson with 403 before enrolment and serves sanitised HTML with case references after', async () => {
    const learner = await loginAs(t);
    await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-one').set(learner.auth).expect(403);
    await new LearnerPath(t, learner).enroll('path-course');
    const res = await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-one').set(learner.auth).expect(200);
    expect(res.body).toMatchObject({ slug: 'lesson-one', title: 'Lesson one', caseRefs: [{ name: 'Salduz v. Turkey', applicationNo: '36391/02', judgmentDate: '2008-11-27', articles: ['6§1', '6§3(c)'] }] });
    expect(res.body.html).toContain('<cite class="case-ref" data-case="salduz-v-turkey">Salduz v. Turkey</cite>');
    expect(res.body.html).not.toMatch(/<script|href="javascript/i);
    await request(t.url).get('/api/v1/courses/path-course/lessons/no-such-lesson').set(learner.auth).expect(404);
  });

  it('returns the content note of a sensitive lesson', async () => {
    const learner = await loginAs(t);
    await new LearnerPath(t, learner).enroll('path-course');
    const res = await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-two').set(learner.auth).expect(200);
    expect(res.body.contentNote).toMatch(/ill-treatment/);
  });

  it('moves progress as lessons are completed, idempotently, and lists it under /me/progress', async () => {
    const learner = await loginAs(t);
    const path = new LearnerPath(t, learner);
    await path.enroll('path-course');
    let progress = (await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200)).body;
    expect(progress).toEqual([expect.objectContaining({ courseSlug: 'path-course', percent: 0, completedLessons: 0, totalLessons: 2, quizzesPassed: 0, totalQuizzes: 1, status: 'not_started', certificateCode: null })]);
    expect(Object.keys(progress[0]).sort()).toEqual(
      ['certificateCode', 'completedAt', 'completedLessons', 'courseSlug', 'courseTitle', 'enrolledAt', 'percent', 'quizzesPassed', 'requirementsLeft', 'status', 'totalLessons', 'totalQuizzes', 'version'],
    );
    const one = await request(t.url).post('/api/v1/courses/path-course/lessons/lesson-one/completion').set(learner.auth).expect(200);
    expect(one.body).toMatchObject({ courseSlug: 'path-course', percent: 33, completedLessons: 1, status: 'in_progress' });
    await request(t.url).post('/api/v1/courses/path-course/lessons/lesson-one/completion').set(learner.auth).expect(200);
    progress = (await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200)).body;
    expect(progress[0]).toMatchObject({ completedLessons: 1, percent: 33 });
  });

  it('completes the course when every lesson is complete and every quiz passed', async () => {
    const learner = await loginAs(t);
    const admin = await loginAs(t, 'admin');
    const path = new LearnerPath(t, learner);
    await path.enroll('path-course');
    await path.completeAllLessons('path-course');
    const passed = await path.passQuiz('path-course', 'basics-quiz', admin);
    expect(passed.body).toMatchObject({ score: 100, passed: true });
    const [progress] = (await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200)).body;
    expect(progress).toMatchObject({ percent: 100, completedLessons: 2, quizzesPassed: 1, status: 'completed' });
  });

  it("never shows one learner's progress to another", async () => {
    const a = await loginAs(t);
    const b = await loginAs(t);
    await new LearnerPath(t, a).enroll('path-course');
    await request(t.url).post('/api/v1/courses/path-course/lessons/lesson-one/completion').set(a.auth).expect(200);
    const other = await request(t.url).get('/api/v1/me/progress').set(b.auth).expect(200);
    expect(other.body).toEqual([]);
    await request(t.url).post('/api/v1/courses/path-course/lessons/lesson-one/completion').set(b.auth).expect(403);
  });

  it('refuses a completion faster than the course minimum with a clear message', async () => {
    const learner = await loginAs(t, 'learner', { profession: 'prosecutor' });
    await new LearnerPath(t, learner).enroll('timed-course');
    await request(t.url).get('/api/v1/courses/timed-course/lessons/only-lesson').set(learner.auth).expect(200);
    const res = await request(t.url).post('/api/v1/courses/timed-course/lessons/only-lesson/completion').set(learner.auth).expect(422);
    expect(res.body.message).toMatch(/at least 1 minutes? of study/);
    // The learner's study clock has been on this lesson for 45 s (moved back instead of waiting).
    await t.db.query(`UPDATE study_clocks SET since = now() - interval '45 seconds' WHERE user_id = $1`, [learner.id]);
    await request(t.url).post('/api/v1/courses/timed-course/lessons/only-lesson/completion').set(learner.auth).expect(200);
  });

  it('counts study time on one lesson at a time: lessons opened side by side do not add up', async () => {
    const learner = await loginAs(t, 'learner', { profession: 'prosecutor' });
    const path = new LearnerPath(t, learner);
    await path.enroll('timed-course');
    await path.enroll('path-course');
    const clockBack = (seconds: number) => t.db.query(`UPDATE study_clocks SET since = since - make_interval(secs => $2) WHERE user_id = $1`, [learner.id, seconds]);
    // The timed lesson is opened, then a lesson of another course in a second tab; two minutes pass.
    await request(t.url).get('/api/v1/courses/timed-course/lessons/only-lesson').set(learner.auth).expect(200);
    await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-one').set(learner.auth).expect(200);
    await clockBack(120);
    const refused = await request(t.url).post('/api/v1/courses/timed-course/lessons/only-lesson/completion').set(learner.auth).expect(422);
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(25);
    // Back on the timed lesson (its page's heartbeat or a reload) for 40 s: now it counts.
    await request(t.url).get('/api/v1/courses/timed-course/lessons/only-lesson').set(learner.auth).expect(200);
    await clockBack(40);
    await request(t.url).post('/api/v1/courses/timed-course/lessons/only-lesson/completion').set(learner.auth).expect(200);
    const [row] = await t.db.query(
      `SELECT lc.seconds_on_task AS s, (SELECT seconds_accrued FROM lesson_visits v JOIN lessons l ON l.id = v.lesson_id WHERE v.enrollment_id = e2.id AND l.slug = 'lesson-one') AS other
         FROM lesson_completions lc JOIN enrollments e ON e.id = lc.enrollment_id JOIN courses c ON c.id = e.course_id AND c.slug = 'timed-course'
         JOIN enrollments e2 ON e2.user_id = e.user_id AND e2.id <> e.id WHERE e.user_id = $1`, [learner.id]);
    // 40 s on the timed lesson, 120 s on the other: 160 s in all, as the time that passed.
    expect(row.s).toBeGreaterThanOrEqual(40);
    expect(row.s).toBeLessThan(45);
    expect(row.other).toBeGreaterThanOrEqual(120);
    expect(row.other).toBeLessThan(125);
  });

  it('keeps the clock on a visible lesson with the page heartbeat (CSRF-protected), and never opens a lesson by it', async () => {
    const learner = await loginAs(t, 'learner', { profession: 'prosecutor' });
    await new LearnerPath(t, learner).enroll('timed-course');
    const cookie = `themis_session=${learner.token}`;
    const page = await request(t.url).get('/courses/timed-course/lessons/only-lesson').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('data-heartbeat="/courses/timed-course/lessons/only-lesson/heartbeat"');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
    await request(t.url).post('/courses/timed-course/lessons/only-lesson/heartbeat').set('Cookie', cookie).expect(403);
    await t.db.query(`UPDATE study_clocks SET since = since - interval '20 seconds' WHERE user_id = $1`, [learner.id]);
    await request(t.url).post('/courses/timed-course/lessons/only-lesson/heartbeat').set('Cookie', `${cookie}; ${csrf}`).set('X-CSRF-Token', token).expect(204);
    const [visit] = await t.db.query(`SELECT seconds_accrued AS s FROM lesson_visits v JOIN enrollments e ON e.id = v.enrollment_id WHERE e.user_id = $1`, [learner.id]);
    expect(visit.s).toBeGreaterThanOrEqual(20);
  });
});

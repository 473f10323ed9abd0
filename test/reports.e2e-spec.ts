import request from 'supertest';
import { answersFromKey, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

type KeyQuestion = { id: string; type: string; prompt: string; options: { id: string; text: string; correct: boolean }[] };

/**
 * A small data set whose numbers were worked out by hand (see each expectation):
 * five learners on path-course v1; quiz basics-quiz has q-single, q-multiple, q-true-false.
 */
describe('Course reports', () => {
  let t: TestApp;
  let trainer: SignedInUser;
  let admin: SignedInUser;
  const learners: SignedInUser[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    trainer = await loginAs(t, 'trainer');
    admin = await loginAs(t, 'admin');
    const key = (await request(t.url).get('/api/v1/author/courses/path-course/quizzes/basics-quiz').set(admin.auth).expect(200)).body.questions as KeyQuestion[];
    const byPrompt = (p: RegExp) => key.find((q) => p.test(q.prompt))!;
    const single = byPrompt(/Pick the right one/), multiple = byPrompt(/Pick both/), tf = byPrompt(/statement is true/);
    // Which questions each learner answers right: L1 all (100), L2 not tf (67), L3 only single (33), L4 none (0), L5 never starts.
    const plans: KeyQuestion[][] = [[single, multiple, tf], [single, multiple], [single], []];
    for (let i = 0; i < 5; i++) {
      const u = await loginAs(t, 'learner', { fullName: `Learner ${i + 1}` });
      learners.push(u);
      const path = new LearnerPath(t, u);
      await path.enroll('path-course');
      if (i >= 4) continue;
      if (i < 2) await path.completeAllLessons('path-course');
      const attempt = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(u.auth).expect(201);
      const answers = answersFromKey(key, attempt.body, (id) => plans[i]!.some((q) => q.id === id));
      await request(t.url).post(`/api/v1/attempts/${attempt.body.attemptId}/submission`).set(u.auth).send({ answers }).expect(200);
    }
    // Fixed times, so the medians can be worked out by hand: L1 took 1 h, L2 2 h; time on task 100/300 s and 200/500 s.
    const set = async (i: number, seconds: number, lessonOne: number, lessonTwo: number) => {
      await t.db.query(`UPDATE enrollments SET enrolled_at = completed_at - make_interval(secs => $2) WHERE user_id = $1`, [learners[i]!.id, seconds]);
      await t.db.query(`UPDATE lesson_completions lc SET seconds_on_task = CASE l.slug WHEN 'lesson-one' THEN $2::int ELSE $3::int END
                          FROM lessons l, enrollments e WHERE l.id = lc.lesson_id AND e.id = lc.enrollment_id AND e.user_id = $1`, [learners[i]!.id, lessonOne, lessonTwo]);
    };
    await set(0, 3600, 100, 300);
    await set(1, 7200, 200, 500);
  });
  afterAll(() => t.close());

  it('counts enrolments, starts and completions, with the median time to complete', async () => {
    const { body } = await request(t.url).get('/api/v1/author/courses/path-course/report').set(trainer.auth).expect(200);
    expect(body).toMatchObject({ slug: 'path-course', version: 1, enrolments: 5, started: 4, completed: 2, completionRate: 0.4, medianSecondsToComplete: 5400 });
    expect(body.lessons).toEqual([
      { slug: 'lesson-one', title: expect.any(String), completions: 2, medianSecondsOnTask: 150, averageSecondsOnTask: 150 },
      { slug: 'lesson-two', title: expect.any(String), completions: 2, medianSecondsOnTask: 400, averageSecondsOnTask: 400 },
    ]);
  });

  it('reports attempts, pass rate and the score distribution per quiz', async () => {
    const { body } = await request(t.url).get('/api/v1/author/courses/path-course/report').set(trainer.auth).expect(200);
    const [quiz] = body.quizzes;
    expect(quiz).toMatchObject({ slug: 'basics-quiz', attempts: 4, learners: 4, passRate: 0.5, averageScore: 50 });
    const bands = Object.fromEntries(quiz.scoreDistribution.filter((b: { attempts: number }) => b.attempts > 0).map((b: { from: number; attempts: number }) => [b.from, b.attempts]));
    expect(bands).toEqual({ 0: 1, 30: 1, 60: 1, 90: 1 });
  });

  it('gives each question its difficulty and upper-lower 27% discrimination, the ones to look at first', async () => {
    const { body } = await request(t.url).get('/api/v1/author/courses/path-course/report').set(trainer.auth).expect(200);
    // 4 attempts: the top 27% is ceil(1.08) = 2 attempts (L1, L2), the bottom 2 (L3, L4). The scores
    // differ, so no cut falls inside a score level (report-tallies.e2e-spec.ts covers a tie).
    expect(body.questions.map((q: { id: string; answered: number; difficulty: number; discrimination: number; flags: string[] }) => [q.id, q.answered, q.difficulty, q.discrimination, q.flags])).toEqual([
      ['q-true-false', 4, 0.25, 0.5, ['too_hard']], // right: L1 only → upper 1/2, lower 0/2
      ['q-single', 4, 0.75, 0.5, []], // right: L1 L2 L3 → upper 2/2, lower 1/2
      ['q-multiple', 4, 0.5, 1, []], // right: L1 L2 → upper 2/2, lower 0/2
    ]);
  });

  it('downloads the report as CSV for admins too, and refuses learners', async () => {
    const res = await request(t.url).get('/api/v1/author/courses/path-course/report.csv').set(admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('path-course-v1-report.csv');
    expect(res.text).toContain('path-course,1,');
    expect(res.text).toContain(',5,4,2,0.4,5400\r\n');
    expect(res.text).toContain('basics-quiz,q-true-false,');
    await request(t.url).get('/api/v1/author/courses/path-course/report').set(learners[0]!.auth).expect(403);
    await request(t.url).get('/api/v1/author/courses/no-such-course/report').set(trainer.auth).expect(404);
    await request(t.url).get('/api/v1/author/courses/path-course/report?version=9').set(trainer.auth).expect(404);
  });
});

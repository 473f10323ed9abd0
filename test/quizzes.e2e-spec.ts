import request from 'supertest';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

describe('Quizzes API', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const enrolledLearner = async (course = 'path-course') => {
    const learner = await loginAs(t, 'learner', { profession: course === 'timed-course' ? 'prosecutor' : 'defense_attorney' });
    await new LearnerPath(t, learner).enroll(course);
    return learner;
  };

  it('starts an attempt whose questions reveal nothing of the key', async () => {
    const learner = await enrolledLearner();
    const res = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(learner.auth).expect(201);
    expect(res.body).toMatchObject({ attemptId: expect.any(String), expiresAt: null });
    expect(res.body.questions).toHaveLength(3);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/correct|explanation|answer/i);
    for (const q of res.body.questions) {
      expect(Object.keys(q).sort()).toEqual(['id', 'options', 'prompt', 'type']);
      for (const o of q.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
    }
  });

  it('shuffles the options between attempts of different learners', async () => {
    const orders = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const learner = await enrolledLearner();
      const res = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(learner.auth).expect(201);
      orders.add(res.body.questions.map((q: { options: { text: string }[] }) => q.options.map((o) => o.text).join(',')).join('|'));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('grades on the server and, by default, says which questions were right and why only once the learner has passed', async () => {
    const learner = await enrolledLearner();
    const path = new LearnerPath(t, learner);
    const failed = await path.answerQuiz('path-course', 'basics-quiz', admin, false);
    const res = await request(t.url).post(`/api/v1/attempts/${failed.attemptId}/submission`).set(learner.auth).send({ answers: failed.answers }).expect(200);
    expect(res.body).toMatchObject({ score: 0, passed: false, review: 'score' });
    expect(res.body.results).toHaveLength(3);
    expect(res.body.results[0]).toEqual({ questionId: expect.any(String) });
    expect((await request(t.url).get(`/api/v1/attempts/${failed.attemptId}`).set(learner.auth).expect(200)).body.results[0]).toEqual({ questionId: expect.any(String) });

    const passed = await path.passQuiz('path-course', 'basics-quiz', admin);
    expect(passed.body).toMatchObject({ score: 100, passed: true, review: 'explanations' });
    expect(passed.body.results[0]).toEqual({ questionId: expect.any(String), correct: true, fraction: 1, explanation: expect.any(String) });
    expect(passed.body.results.map((r: { explanation: string }) => r.explanation)).toContain('Because of (Salduz v. Turkey [GC], no. 36391/02, 2008-11-27).');
    // Once passed, the earlier attempt's review opens too.
    expect((await request(t.url).get(`/api/v1/attempts/${failed.attemptId}`).set(learner.auth).expect(200)).body.results[0]).toMatchObject({ correct: false, fraction: 0 });
  });

  it('under the default policy shows a learner out of attempts the score and whom to ask, never the key', async () => {
    const learner = await enrolledLearner();
    const path = new LearnerPath(t, learner);
    for (let n = 0; n < 2; n++) {
      const { attemptId, answers } = await path.answerQuiz('path-course', 'basics-quiz', admin, false);
      const res = await request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers }).expect(200);
      expect(res.body).toMatchObject({ passed: false, review: 'score', attemptsLeft: 1 - n });
      expect(res.body.results.every((r: object) => Object.keys(r).join() === 'questionId')).toBe(true);
    }
    const page = await request(t.url).get('/courses/path-course/quizzes/basics-quiz').set('Cookie', `themis_session=${learner.token}`).expect(200);
    expect(page.text).toContain('ask the course');
    const last = (await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200)).body;
    expect(last[0].quizzesPassed).toBe(0);
  });

  it('answers 409 to a second submission of the same attempt', async () => {
    const learner = await enrolledLearner();
    const { attemptId, answers } = await new LearnerPath(t, learner).answerQuiz('path-course', 'basics-quiz', admin, true);
    await request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers }).expect(200);
    await request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers }).expect(409);
  });

  it('grades exactly once when ten copies of a submission race', async () => {
    const learner = await enrolledLearner();
    const { attemptId, answers } = await new LearnerPath(t, learner).answerQuiz('path-course', 'basics-quiz', admin, true);
    const responses = await Promise.all(Array.from({ length: 10 }, () => request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const [row] = await t.db.query(`SELECT count(*)::int AS passes FROM quiz_passes WHERE attempt_id = $1`, [attemptId]);
    expect(row.passes).toBe(1);
  });

  it("reads another learner's attempt as not found", async () => {
    const owner = await enrolledLearner();
    const other = await enrolledLearner();
    const { attemptId, answers } = await new LearnerPath(t, owner).answerQuiz('path-course', 'basics-quiz', admin, true);
    await request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(other.auth).send({ answers }).expect(404);
    await request(t.url).get(`/api/v1/attempts/${attemptId}`).set(other.auth).expect(404);
    await request(t.url).post(`/api/v1/attempts/not-a-uuid/submission`).set(owner.auth).send({ answers }).expect(404);
  });

  it('resumes an open attempt instead of spending another, and answers 409 when none are left', async () => {
    const learner = await enrolledLearner();
    const path = new LearnerPath(t, learner);
    const first = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(learner.auth).expect(201);
    const resumed = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(learner.auth).expect(201);
    expect(resumed.body.attemptId).toBe(first.body.attemptId);
    await request(t.url).post(`/api/v1/attempts/${first.body.attemptId}/submission`).set(learner.auth).send({ answers: [] }).expect(200);
    const { attemptId } = await path.answerQuiz('path-course', 'basics-quiz', admin, false);
    await request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers: [] }).expect(200);
    const none = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(learner.auth).expect(409);
    expect(none.body.message).toMatch(/No attempts left/);
  });

  it('enforces the time limit on the server and refuses a late submission', async () => {
    const learner = await enrolledLearner('timed-course');
    const attempt = await request(t.url).post('/api/v1/courses/timed-course/quizzes/only-quiz/attempts').set(learner.auth).expect(201);
    const expires = new Date(attempt.body.expiresAt).getTime();
    expect(expires - Date.now()).toBeGreaterThan(50_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(61_000);
    await t.db.query(`UPDATE quiz_attempts SET expires_at = now() - interval '1 second' WHERE id = $1`, [attempt.body.attemptId]);
    const q = attempt.body.questions[0];
    const late = await request(t.url).post(`/api/v1/attempts/${attempt.body.attemptId}/submission`).set(learner.auth).send({ answers: [{ questionId: q.id, optionIds: [q.options[0].id] }] }).expect(409);
    expect(late.body.message).toMatch(/time limit/);
  });

  it('answers 400 naming the field for answers that do not belong to the attempt', async () => {
    const learner = await enrolledLearner();
    const attempt = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(learner.auth).expect(201);
    const url = `/api/v1/attempts/${attempt.body.attemptId}/submission`;
    const q = attempt.body.questions.find((x: { type: string }) => x.type === 'single');
    const unknown = await request(t.url).post(url).set(learner.auth).send({ answers: [{ questionId: '00000000-0000-4000-8000-000000000000', optionIds: [] }] }).expect(400);
    expect(unknown.body.message).toMatch(/answers\.0\.questionId/);
    const two = await request(t.url).post(url).set(learner.auth).send({ answers: [{ questionId: q.id, optionIds: q.options.map((o: { id: string }) => o.id) }] }).expect(400);
    expect(two.body.message).toMatch(/answers\.0\.optionIds/);
    const wrongType = await request(t.url).post(url).set(learner.auth).send({ answers: 'all of them' }).expect(400);
    expect(JSON.stringify(wrongType.body.message)).toMatch(/answers/);
    // Nothing was graded by the rejected requests.
    await request(t.url).post(url).set(learner.auth).send({ answers: [] }).expect(200);
  });

  it('shows the answer key to trainers and admins only', async () => {
    const trainer = await loginAs(t, 'trainer');
    const learner = await enrolledLearner();
    const key = await request(t.url).get('/api/v1/author/courses/path-course/quizzes/basics-quiz').set(trainer.auth).expect(200);
    expect(key.body).toMatchObject({ slug: 'basics-quiz', passMark: 60, maxAttempts: 2 });
    expect(key.body.questions[2]).toMatchObject({ type: 'true_false', options: [{ text: 'True', correct: true }, { text: 'False', correct: false }] });
    await request(t.url).get('/api/v1/author/courses/path-course/quizzes/basics-quiz').set(learner.auth).expect(403);
    await request(t.url).get('/api/v1/author/courses/path-course/quizzes/basics-quiz').expect(401);
  });

  it('refuses an attempt to a learner who is not enrolled', async () => {
    const learner = await loginAs(t);
    await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(learner.auth).expect(403);
  });
});

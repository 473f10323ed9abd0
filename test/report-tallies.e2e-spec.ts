import request from 'supertest';
import { answersFromKey, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { ReportTallies1795353726293 as ReportTallies } from '../migrations/1795353726293-ReportTallies';

type KeyQuestion = { id: string; key: string; prompt: string; options: { id: string; text: string; correct: boolean }[] };

/**
 * The report reads tallies that grading keeps (quiz_score_tallies, question_score_tallies) and
 * enrollments.started_at. Here: submissions that race each other, a 27% cut that falls inside a
 * score level, and a backfill from the rows (what the migration does) that must agree with them.
 */
describe('Report tallies', () => {
  let t: TestApp;
  let trainer: SignedInUser;
  let admin: SignedInUser;
  let key: KeyQuestion[];
  const report = async () => (await request(t.url).get('/api/v1/author/courses/path-course/report').set(trainer.auth).expect(200)).body;
  const tallies = async () => ({
    quiz: await t.db.query(`SELECT quiz_id, score, attempts, passed, first_submissions FROM quiz_score_tallies ORDER BY quiz_id, score`),
    questions: await t.db.query(`SELECT quiz_id, question_id, score, answered, correct FROM question_score_tallies ORDER BY quiz_id, question_id, score`),
    started: await t.db.query(`SELECT id, started_at IS NOT NULL AS started FROM enrollments ORDER BY id`),
  });
  /** Answers with exactly the given questions right (a wrong option for the others), in the attempt's own option ids. */
  const shown = new Map<string, { questions: { id: string; options: { id: string; text: string }[] }[] }>();
  const answersFor = (attemptId: string, right: KeyQuestion[]) => answersFromKey(key, shown.get(attemptId)!, (id) => right.some((q) => q.id === id));
  const start = async (u: SignedInUser) => {
    const body = (await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts').set(u.auth).expect(201)).body;
    shown.set(body.attemptId, body);
    return body.attemptId as string;
  };
  const submit = (u: SignedInUser, attemptId: string, right: KeyQuestion[]) => request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(u.auth).send({ answers: answersFor(attemptId, right) });

  const learners: SignedInUser[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    trainer = await loginAs(t, 'trainer');
    admin = await loginAs(t, 'admin');
    key = (await request(t.url).get('/api/v1/author/courses/path-course/quizzes/basics-quiz').set(admin.auth).expect(200)).body.questions;
    for (let i = 0; i < 7; i++) {
      const u = await loginAs(t, 'learner');
      await new LearnerPath(t, u).enroll('path-course');
      learners.push(u);
    }
  });
  afterAll(() => t.close());

  it('counts racing submissions once each, and splits a tied 27% cut by share', async () => {
    const [single, multiple, tf] = ['Pick the right one', 'Pick both', 'statement is true'].map((p) => key.find((q) => q.prompt.includes(p))!);
    // A 100, B 67, C 67, D 33, E 0 (B and C tie, with different questions right).
    const plans = [[single!, multiple!, tf!], [single!, multiple!], [single!, tf!], [single!], []];
    const attempts = await Promise.all(plans.map((_, i) => start(learners[i]!)));
    // Every submission sent twice at once, all ten together: each attempt is graded (and tallied) once.
    const responses = await Promise.all(plans.flatMap((plan, i) => [submit(learners[i]!, attempts[i]!, plan), submit(learners[i]!, attempts[i]!, plan)]));
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(5).fill(200), ...Array(5).fill(409)]);

    const body = await report();
    expect(body.quizzes[0]).toMatchObject({ attempts: 5, learners: 5, passRate: 0.6, averageScore: 53.4 });
    // n = 5: the top and bottom 27% are ceil(1.35) = 2 attempts each. Top: A (100) and one of the
    // two 67s, which cannot be told apart, so B and C count half each. Bottom: E (0) and D (33).
    const byId = Object.fromEntries(body.questions.map((q: { id: string; difficulty: number; discrimination: number }) => [q.id, [q.difficulty, q.discrimination]]));
    expect(byId).toEqual({
      [single!.key]: [0.8, 0.5], // upper (1 + ½ + ½) / 2 = 1, lower D right, E wrong = 0.5
      [multiple!.key]: [0.4, 0.75], // upper (1 + ½ B) / 2 = 0.75, lower 0
      [tf!.key]: [0.4, 0.75], // upper (1 + ½ C) / 2 = 0.75, lower 0
    });
  });

  it('counts a learner once however many attempts, and "started" from the first visit or attempt', async () => {
    const retake = await start(learners[4]!);
    await submit(learners[4]!, retake, key).expect(200);
    await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-one').set(learners[5]!.auth).expect(200); // visits only; learners[6] does nothing
    const body = await report();
    expect(body).toMatchObject({ enrolments: 7, started: 6 });
    expect(body.quizzes[0]).toMatchObject({ attempts: 6, learners: 5 });
  });

  it('reports the same after the migration backfills the tallies from the rows', async () => {
    const before = { report: await report(), tallies: await tallies() };
    await t.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM question_score_tallies`);
      await manager.query(`DELETE FROM quiz_score_tallies`);
      await manager.query(`UPDATE enrollments SET started_at = NULL`);
      await ReportTallies.backfill(manager);
    });
    expect(await tallies()).toEqual(before.tallies);
    expect(await report()).toEqual(before.report);
  });
});

import request from 'supertest';
import { AttemptDeadlines } from '@themis/assessment';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

jest.setTimeout(120_000);

/** timed-course: one lesson and a one-minute true/false quiz (one attempt, pass mark 100) whose pass completes the course. */
const COURSE = 'timed-course';
const QUIZ = 'only-quiz';

async function readyForQuiz(t: TestApp): Promise<{ learner: SignedInUser; attemptId: string; questionId: string; rightOption: string }> {
  const learner = await loginAs(t, 'learner', { profession: 'prosecutor' });
  const path = new LearnerPath(t, learner);
  await path.enroll(COURSE);
  await path.completeAllLessons(COURSE);
  const attempt = (await request(t.url).post(`/api/v1/courses/${COURSE}/quizzes/${QUIZ}/attempts?lang=en`).set(learner.auth).expect(201)).body;
  const question = attempt.questions[0];
  const rightOption = question.options.find((o: { text: string }) => /true/i.test(o.text)).id;
  return { learner, attemptId: attempt.attemptId, questionId: question.id, rightOption };
}

const jobOf = async (t: TestApp, attemptId: string) =>
  (await t.db.query(`SELECT state, start_after FROM pgboss.job WHERE name = 'attempt-deadline' AND data->>'attemptId' = $1`, [attemptId])) as { state: string; start_after: Date }[];

/** Moves the attempt's limit, and the job due at it, to `ms` from now: the clock moved on. */
async function limitIn(t: TestApp, attemptId: string, ms: number): Promise<void> {
  await t.db.query(`UPDATE quiz_attempts SET expires_at = now() + make_interval(secs => $2::float / 1000) WHERE id = $1`, [attemptId, ms]);
  await t.db.query(`UPDATE pgboss.job SET start_after = (SELECT expires_at FROM quiz_attempts WHERE id = $1::uuid) WHERE name = 'attempt-deadline' AND data->>'attemptId' = $1::text`, [attemptId]);
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe(AttemptDeadlines.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('writes the grading job with the attempt, due at its expiresAt', async () => {
    const { attemptId } = await readyForQuiz(t);
    const [attempt] = await t.db.query(`SELECT expires_at FROM quiz_attempts WHERE id = $1`, [attemptId]);
    const jobs = await jobOf(t, attemptId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.state).toBe('created');
    expect(new Date(jobs[0]!.start_after).getTime()).toBe(new Date(attempt.expires_at).getTime());
  });

  it('grades the saved answers at the limit through the queue, without the learner coming back, and the pass issues the certificate', async () => {
    const { learner, attemptId, questionId, rightOption } = await readyForQuiz(t);
    await request(t.url).put(`/api/v1/attempts/${attemptId}/answers`).set(learner.auth).send({ answers: [{ questionId, optionIds: [rightOption] }] }).expect(200);
    await limitIn(t, attemptId, 0);
    const graded = await until(() => t.db.query(`SELECT submitted_by, passed, submitted_at = expires_at AS at_limit FROM quiz_attempts WHERE id = $1`, [attemptId]), (r) => r[0].submitted_by !== null);
    expect(graded[0]).toEqual({ submitted_by: 'timer', passed: true, at_limit: true });
    expect((await until(() => jobOf(t, attemptId), (j) => j[0]?.state === 'completed'))[0]!.state).toBe('completed');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
    const late = await request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers: [{ questionId, optionIds: [rightOption] }] }).expect(409);
    expect(late.body.message).toMatch(/already submitted/);
  });

  it('grades once when the learner submits at the very moment the job grades: one pass, one certificate', async () => {
    const sut = t.app.get(AttemptDeadlines);
    const winners: string[] = [];
    for (let round = 0; round < 4; round++) {
      const { learner, attemptId, questionId, rightOption } = await readyForQuiz(t);
      const answers = [{ questionId, optionIds: [rightOption] }];
      await request(t.url).put(`/api/v1/attempts/${attemptId}/answers`).set(learner.auth).send({ answers }).expect(200);
      // Learner and job fire around the limit, a few milliseconds apart either way.
      await limitIn(t, attemptId, 150);
      await new Promise((r) => setTimeout(r, 120 + round * 15));
      const fired = await Promise.allSettled([
        ...Array.from({ length: 3 }, () => request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers })),
        ...Array.from({ length: 3 }, () => sut.run({ attemptId, userId: learner.id })),
      ]);
      const statuses = fired.slice(0, 3).map((r) => (r.status === 'fulfilled' ? (r.value as request.Response).status : 0));
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      await sut.run({ attemptId, userId: learner.id });
      const [row] = await t.db.query(`SELECT submitted_by, passed FROM quiz_attempts WHERE id = $1`, [attemptId]);
      expect(row.passed).toBe(true);
      expect(statuses.filter((s) => s === 200).length).toBe(row.submitted_by === 'learner' ? 1 : 0);
      winners.push(row.submitted_by);
      const [counts] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM quiz_passes qp JOIN enrollments e ON e.id = qp.enrollment_id WHERE e.user_id = $1) AS passes,
                (SELECT count(*)::int FROM certificates WHERE user_id = $1) AS certificates,
                (SELECT count(*)::int FROM audit_log WHERE action = 'certificate.issue' AND actor = 'user:' || $1) AS issued`,
        [learner.id],
      );
      expect(counts).toMatchObject({ passes: 1, certificates: 1, issued: 1 });
    }
    expect(winners.every((w) => w === 'learner' || w === 'timer')).toBe(true);
  });

  it('survives a restart: the job written before the server stopped grades the attempt in the next server', async () => {
    const first = await createTestApp();
    const { learner, attemptId, questionId, rightOption } = await readyForQuiz(first);
    await request(first.url).put(`/api/v1/attempts/${attemptId}/answers`).set(learner.auth).send({ answers: [{ questionId, optionIds: [rightOption] }] }).expect(200);
    await limitIn(first, attemptId, 3000);
    const databaseUrl = first.databaseUrl;
    await first.close();
    const second = await createTestApp({ databaseUrl });
    try {
      const graded = await until(() => second.db.query(`SELECT submitted_by, passed FROM quiz_attempts WHERE id = $1`, [attemptId]), (r) => r[0].submitted_by !== null);
      expect(graded[0]).toEqual({ submitted_by: 'timer', passed: true });
      expect((await until(() => jobOf(second, attemptId), (j) => j[0]?.state === 'completed'))[0]!.state).toBe('completed');
    } finally {
      await second.close();
    }
  });
});

import { SubmissionService } from '@themis/assessment';
import { ErrorCode } from '@themis/core';
import { createMediumModule, MediumModule } from '@themis/testing';
import { answerAttempt, enrolAndStudy } from './learner-steps';

/** Grading on the real database, without HTTP: what is stored for a submission, and a double submit. */
describe('Grading (medium)', () => {
  let m: MediumModule;
  beforeAll(async () => {
    m = await createMediumModule();
  });
  afterAll(() => m.close());

  it('grades a submission with partial credit and stores score, per-question results and pass', async () => {
    const learner = await m.user();
    await enrolAndStudy(m, learner.id, 'path-course');
    const { attemptId, answers, typeOf } = await answerAttempt(m, learner.id, 'path-course', 'basics-quiz', (type) => type !== 'multiple');
    const outcome = await m.get(SubmissionService).submit(learner.id, attemptId, { answers });
    // Two of three questions right: 67, over the pass mark of 60.
    expect(outcome).toMatchObject({ score: 67, passed: true, passMark: 60, submittedBy: 'learner' });
    const [row] = await m.db.query(`SELECT score, passed, submitted_at, results FROM quiz_attempts WHERE id = $1`, [attemptId]);
    expect(row).toMatchObject({ score: 67, passed: true });
    expect(row.submitted_at).not.toBeNull();
    const fractions = Object.fromEntries((row.results as { questionId: string; fraction: number }[]).map((r) => [typeOf.get(r.questionId), r.fraction]));
    expect(fractions).toEqual({ single: 1, multiple: 0, true_false: 1 });
  });

  it('settles a double submit by the row lock: one grading, the other refused as closed', async () => {
    const learner = await m.user();
    await enrolAndStudy(m, learner.id, 'path-course');
    const { attemptId, answers } = await answerAttempt(m, learner.id, 'path-course', 'basics-quiz', () => false);
    const submissions = m.get(SubmissionService);
    const both = await Promise.allSettled([submissions.submit(learner.id, attemptId, { answers }), submissions.submit(learner.id, attemptId, { answers })]);
    const graded = both.filter((r) => r.status === 'fulfilled');
    const refused = both.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(graded).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatchObject({ code: ErrorCode.AttemptClosed });
    const rows = await m.db.query(`SELECT score, passed FROM quiz_attempts WHERE user_id = $1 AND submitted_at IS NOT NULL`, [learner.id]);
    expect(rows).toEqual([{ score: 0, passed: false }]);
    // The refused submission cost no attempt: one used, one of two left.
    const [{ n }] = await m.db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
  });
});

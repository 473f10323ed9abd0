import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@themis/database';
import { QuizAttempt } from '../entities/quiz-attempt.entity';
import type { Answer, QuestionGrade } from '../grading/grading';
import type { AttemptLayout, SubmittedAnswer } from './attempt-layout';

export type AttemptRow = Pick<QuizAttempt, 'id' | 'userId' | 'enrollmentId' | 'quizId' | 'number' | 'expiresAt' | 'submittedAt' | 'layout' | 'score' | 'passed' | 'savedAnswers' | 'savedAt'>;
const COLUMNS: (keyof QuizAttempt)[] = ['id', 'userId', 'enrollmentId', 'quizId', 'number', 'expiresAt', 'submittedAt', 'layout', 'score', 'passed', 'savedAnswers', 'savedAt'];

/** Queries on quiz_attempts and quiz_grants; every one about a learner's attempt names the learner. */
@Injectable()
export class AttemptRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(manager: EntityManager, userId: string, enrollmentId: string, quizId: string): Promise<AttemptRow[]> {
    return manager.getRepository(QuizAttempt).find({ where: { userId, enrollmentId, quizId }, order: { number: 'ASC' }, select: COLUMNS });
  }

  find(userId: string, attemptId: string, manager: EntityManager = this.db.manager): Promise<QuizAttempt | null> {
    return manager.getRepository(QuizAttempt).findOneBy({ id: attemptId, userId });
  }

  async insert(manager: EntityManager, a: { userId: string; enrollmentId: string; quizId: string; number: number; layout: AttemptLayout[]; timeLimitSeconds: number | null }): Promise<AttemptRow> {
    const [created] = await manager.query(
      `INSERT INTO quiz_attempts (user_id, enrollment_id, quiz_id, number, layout, expires_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END)
       RETURNING id, user_id AS "userId", enrollment_id AS "enrollmentId", quiz_id AS "quizId", number, expires_at AS "expiresAt", submitted_at AS "submittedAt", layout,
                 score, passed, saved_answers AS "savedAnswers", saved_at AS "savedAt"`,
      [a.userId, a.enrollmentId, a.quizId, a.number, JSON.stringify(a.layout), a.timeLimitSeconds],
    );
    return created;
  }

  /** Extra attempts granted on this quiz to this enrolment. */
  async extraAttempts(manager: EntityManager, enrollmentId: string, quizId: string): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(sum(extra_attempts), 0)::int AS n FROM quiz_grants WHERE enrollment_id = $1 AND quiz_id = $2`, [enrollmentId, quizId]);
    return row.n;
  }

  /** Autosave: only while the attempt is open; false when it is submitted or past its time. */
  async saveAnswers(userId: string, attemptId: string, answers: SubmittedAnswer[]): Promise<Date | null> {
    const rows = await updateReturning<{ saved_at: Date }>(
      this.db.manager,
      `UPDATE quiz_attempts SET saved_answers = $3, saved_at = now()
        WHERE id = $1 AND user_id = $2 AND submitted_at IS NULL AND (expires_at IS NULL OR expires_at >= now()) RETURNING saved_at`,
      [attemptId, userId, JSON.stringify(answers)],
    );
    return rows[0]?.saved_at ?? null;
  }

  /**
   * Submits once: the condition lets exactly one of racing submissions (or the timer) through.
   * By the learner: before the time limit, at now(). By the timer: after it, dated at the limit.
   */
  async submit(manager: EntityManager, g: { attemptId: string; userId: string; by: 'learner' | 'timer'; score: number; passed: boolean; answers: Answer[]; results: QuestionGrade[] }): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE quiz_attempts SET submitted_at = CASE WHEN $7 = 'timer' THEN expires_at ELSE now() END, submitted_by = $7, score = $3, passed = $4, answers = $5, results = $6
        WHERE id = $1 AND user_id = $2 AND submitted_at IS NULL
          AND (CASE WHEN $7 = 'timer' THEN expires_at < now() ELSE expires_at IS NULL OR expires_at >= now() END)
        RETURNING id`,
      [g.attemptId, g.userId, g.score, g.passed, JSON.stringify(g.answers), JSON.stringify(g.results), g.by],
    );
    return rows.length > 0;
  }

  async isSubmitted(manager: EntityManager, attemptId: string): Promise<boolean> {
    const [state] = await manager.query(`SELECT submitted_at IS NOT NULL AS submitted FROM quiz_attempts WHERE id = $1`, [attemptId]);
    return state?.submitted === true;
  }

  async count(manager: EntityManager, enrollmentId: string, quizId: string): Promise<number> {
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM quiz_attempts WHERE enrollment_id = $1 AND quiz_id = $2`, [enrollmentId, quizId]);
    return count;
  }

  async hasPassed(manager: EntityManager, enrollmentId: string, quizId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT EXISTS (SELECT 1 FROM quiz_attempts WHERE enrollment_id = $1 AND quiz_id = $2 AND passed) AS passed`, [enrollmentId, quizId]);
    return row.passed === true;
  }

  /** Open attempts past their time limit, for the timer (any learner: this is the grading job's query). */
  expiredOpen(limit: number): Promise<{ id: string; userId: string }[]> {
    return this.db.query(`SELECT id, user_id AS "userId" FROM quiz_attempts WHERE submitted_at IS NULL AND expires_at < now() ORDER BY expires_at LIMIT $1`, [limit]);
  }
}

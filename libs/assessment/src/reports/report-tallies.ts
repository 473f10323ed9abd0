import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QuestionResult } from '../entities/quiz-attempt.entity';

export interface GradedSubmission {
  attemptId: string;
  enrollmentId: string;
  quizId: string;
  score: number;
  passed: boolean;
  results: Pick<QuestionResult, 'questionId' | 'correct'>[];
}

/**
 * Counts a graded attempt into the report's tallies (quiz_score_tallies, question_score_tallies).
 * Runs inside the grading transaction, after the UPDATE that submits the attempt: a tally counts
 * exactly the submissions that commit, and the increments (ON CONFLICT … n = n + excluded.n)
 * add up under concurrent submissions. Call it last in that transaction: two submissions of
 * one quiz with the same score wait for each other on these rows until commit.
 */
@Injectable()
export class ReportTallies {
  async recordSubmission(manager: EntityManager, s: GradedSubmission): Promise<void> {
    // The quiz row first, then the question rows in question id order: every submission takes the
    // locks in the same order, so two of them never deadlock (rows differ unless the scores match).
    // "First submission" is safe to read here: the caller holds the enrolment's row lock.
    await manager.query(
      `INSERT INTO quiz_score_tallies AS t (quiz_id, score, attempts, passed, first_submissions)
       SELECT $1, $2, 1, $3::boolean::int,
              (NOT EXISTS (SELECT 1 FROM quiz_attempts WHERE enrollment_id = $4 AND quiz_id = $1 AND submitted_at IS NOT NULL AND id <> $5))::int
       ON CONFLICT (quiz_id, score) DO UPDATE
          SET attempts = t.attempts + excluded.attempts, passed = t.passed + excluded.passed, first_submissions = t.first_submissions + excluded.first_submissions`,
      [s.quizId, s.score, s.passed, s.enrollmentId, s.attemptId],
    );
    if (s.results.length === 0) return;
    await manager.query(
      `INSERT INTO question_score_tallies AS t (quiz_id, question_id, score, answered, correct)
       SELECT $1, r.question_id, $2, 1, r.correct::int FROM unnest($3::uuid[], $4::boolean[]) AS r(question_id, correct) ORDER BY r.question_id
       ON CONFLICT (quiz_id, question_id, score) DO UPDATE SET answered = t.answered + excluded.answered, correct = t.correct + excluded.correct`,
      [s.quizId, s.score, s.results.map((r) => r.questionId), s.results.map((r) => r.correct)],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogService, QuizContent, TranslatedContentService } from '@themis/catalog';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { inTransaction } from '@themis/database';
import { EnrollmentRepository, ProgressService } from '@themis/learning';
import { SubmissionResponse, SubmitAttemptDto } from '../dto/submit-attempt.dto';
import { QuizAttempt } from '../entities/quiz-attempt.entity';
import { gradeAttempt, Graded } from '../grading/grading';
import { ReportTallies } from '../reports/report-tallies';
import { AnswerProblem, SubmittedAnswer, toStoredAnswers } from './attempt-layout';
import { AttemptRepository } from './attempt.repository';
import { AttemptsNotifier } from './attempts-notifier';
import { reviewLevel, visibleResults } from './review';

/** Grading, once per attempt: by the learner's submission, or by the timer at the time limit. */
@Injectable()
export class SubmissionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly progress: ProgressService,
    private readonly enrollments: EnrollmentRepository,
    private readonly attempts: AttemptRepository,
    private readonly tallies: ReportTallies,
    private readonly translated: TranslatedContentService,
    private readonly notifier: AttemptsNotifier,
  ) {}

  async submit(userId: string, attemptId: string, dto: SubmitAttemptDto): Promise<SubmissionResponse> {
    const attempt = await this.attempts.find(userId, attemptId);
    if (!attempt) throw notFound('Attempt');
    if (attempt.submittedAt) throw new DomainError(ErrorCode.AttemptClosed, 'This attempt was already submitted');
    const quiz = await this.quizFor(attempt);
    const answers = dto.answers as SubmittedAnswer[];
    const graded = this.grade(attempt, quiz, answers);
    return inTransaction(this.db, async (manager) => {
      const outcome = await this.record(manager, attempt, quiz, graded, 'learner');
      if (!outcome) {
        const submitted = await this.attempts.isSubmitted(manager, attemptId);
        throw new DomainError(ErrorCode.AttemptClosed, submitted ? 'This attempt was already submitted' : 'The time limit for this attempt has passed');
      }
      return outcome;
    });
  }

  /**
   * The timer's grading: the answers saved by the time limit, dated at `expiresAt`, so a pass
   * counts without the learner coming back. Safe to call from anywhere, any number of times.
   */
  async gradeExpired(userId: string, attemptId: string, manager?: EntityManager): Promise<void> {
    const run = async (m: EntityManager) => {
      const attempt = await this.attempts.find(userId, attemptId, m);
      if (!attempt || attempt.submittedAt || !attempt.expiresAt || attempt.expiresAt.getTime() >= Date.now()) return;
      const quiz = await this.quizFor(attempt, m);
      let graded: ReturnType<SubmissionService['grade']>;
      try {
        graded = this.grade(attempt, quiz, attempt.savedAnswers ?? []);
      } catch {
        graded = this.grade(attempt, quiz, []); // saved answers that no longer fit count as none
      }
      await this.record(m, attempt, quiz, graded, 'timer');
    };
    return manager ? run(manager) : inTransaction(this.db, run);
  }

  /** A submitted attempt's result again, under the review policy as it applies now. */
  async result(userId: string, attemptId: string): Promise<SubmissionResponse & { quizId: string; submittedAt: string }> {
    let attempt = await this.attempts.find(userId, attemptId);
    if (attempt && !attempt.submittedAt) {
      await this.gradeExpired(userId, attemptId);
      attempt = await this.attempts.find(userId, attemptId);
    }
    if (!attempt || !attempt.submittedAt) throw notFound('Attempt');
    const quiz = await this.catalog.quizById(attempt.quizId);
    const shown = await this.shown(this.db.manager, attempt.enrollmentId, quiz, attempt.passed === true);
    return {
      attemptId,
      quizId: quiz.id,
      score: attempt.score!,
      passed: attempt.passed!,
      passMark: quiz.passMark,
      ...shown,
      submittedBy: attempt.submittedBy === 'timer' ? 'timer' : 'learner',
      results: visibleResults(attempt.results ?? [], shown.review),
      submittedAt: attempt.submittedAt.toISOString(),
    };
  }

  /** Explanations are stored with the results, in the enrolment's content language. */
  private async quizFor(attempt: QuizAttempt, manager?: EntityManager): Promise<QuizContent> {
    return this.translated.quiz(await this.catalog.quizById(attempt.quizId), { enrolment: await this.enrollments.languageOf(attempt.enrollmentId, manager) }, manager);
  }

  private grade(attempt: QuizAttempt, quiz: QuizContent, answers: SubmittedAnswer[]): { graded: Graded; stored: ReturnType<typeof toStoredAnswers> } {
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    let stored;
    try {
      stored = toStoredAnswers(attempt.layout, (id) => byId.get(id)!.type, answers);
    } catch (e) {
      if (e instanceof AnswerProblem) throw new DomainError(ErrorCode.ValidationFailed, e.message, { field: e.field });
      throw e;
    }
    // Only the questions this attempt drew count, in the order it showed them.
    const questions = attempt.layout.map((l) => byId.get(l.questionId)!).filter(Boolean);
    return { graded: gradeAttempt(questions, stored, quiz.passMark), stored };
  }

  private async record(manager: EntityManager, attempt: QuizAttempt, quiz: QuizContent, g: ReturnType<SubmissionService['grade']>, by: 'learner' | 'timer'): Promise<SubmissionResponse | null> {
    const enrollment = await this.enrollments.lockById(manager, attempt.userId, attempt.enrollmentId);
    if (!enrollment) throw notFound('Attempt');
    const { graded, stored } = g;
    const ok = await this.attempts.submit(manager, { attemptId: attempt.id, userId: attempt.userId, by, score: graded.score, passed: graded.passed, answers: stored, results: graded.results });
    if (!ok) return null;
    if (graded.passed) await this.progress.recordQuizPass(manager, enrollment, quiz.id, attempt.id);
    await this.tallies.recordSubmission(manager, { attemptId: attempt.id, enrollmentId: enrollment.id, quizId: quiz.id, score: graded.score, passed: graded.passed, results: graded.results });
    const shown = await this.shown(manager, enrollment.id, quiz, graded.passed);
    if (!graded.passed && shown.attemptsLeft === 0) await this.notifier.usedUp(manager, { userId: attempt.userId, enrollmentId: enrollment.id, attemptId: attempt.id }, quiz);
    return { attemptId: attempt.id, score: graded.score, passed: graded.passed, passMark: quiz.passMark, ...shown, submittedBy: by, results: visibleResults(graded.results, shown.review) };
  }

  private async shown(manager: EntityManager, enrollmentId: string, quiz: QuizContent, passedNow: boolean) {
    const [count, extra, passedEver] = await Promise.all([this.attempts.count(manager, enrollmentId, quiz.id), this.attempts.extraAttempts(manager, enrollmentId, quiz.id), passedNow ? true : this.attempts.hasPassed(manager, enrollmentId, quiz.id)]);
    const attemptsLeft = Math.max(0, quiz.maxAttempts + extra - count);
    return { attemptsLeft, review: reviewLevel(quiz.review, passedEver), contact: attemptsLeft === 0 && !passedEver ? quiz.review.contact ?? null : null };
  }
}

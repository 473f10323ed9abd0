import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogService, QuizContent } from '@themis/catalog';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { inTransaction, updateReturning } from '@themis/database';
import { EnrollmentRepository, ProgressService } from '@themis/learning';
import { AttemptResponse, QuizOverviewResponse, SubmissionResponse, SubmitAttemptDto } from '../dto/submit-attempt.dto';
import { AttemptLayout, QuizAttempt } from '../entities/quiz-attempt.entity';
import { gradeAttempt, shuffle } from '../grading/grading';
import { ReportTallies } from '../reports/report-tallies';
import { AttemptsNotifier } from './attempts-notifier';

@Injectable()
export class AttemptService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly progress: ProgressService,
    private readonly enrollments: EnrollmentRepository,
    private readonly tallies: ReportTallies,
    private readonly notifier: AttemptsNotifier,
  ) {}

  /** Starts an attempt, or resumes the open one so a double click or a dropped connection costs no attempt. */
  start(userId: string, courseSlug: string, quizSlug: string): Promise<AttemptResponse> {
    return inTransaction(this.db, async (manager) => {
      const enrollment = await this.progress.requireLocked(manager, userId, courseSlug);
      const quiz = await this.catalog.quizBySlug(enrollment.versionId, quizSlug);
      const attempts = await manager.getRepository(QuizAttempt).find({
        where: { enrollmentId: enrollment.id, quizId: quiz.id },
        order: { number: 'DESC' },
        select: ['id', 'number', 'expiresAt', 'submittedAt', 'layout'],
      });
      const now = Date.now();
      const open = attempts.find((a) => !a.submittedAt && (!a.expiresAt || a.expiresAt.getTime() > now));
      if (open) return this.toResponse(open, quiz, attempts.length);
      if (attempts.length >= quiz.maxAttempts) {
        throw new DomainError(ErrorCode.NoAttemptsLeft, `No attempts left: this quiz allows ${quiz.maxAttempts}`);
      }
      const layout: AttemptLayout[] = shuffle(quiz.questions).map((q) => ({ questionId: q.id, optionIds: shuffle(q.options).map((o) => o.id) }));
      const [created] = await manager.query(
        `INSERT INTO quiz_attempts (user_id, enrollment_id, quiz_id, number, layout, expires_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END)
         RETURNING id, number, expires_at AS "expiresAt", submitted_at AS "submittedAt", layout`,
        [userId, enrollment.id, quiz.id, attempts.length + 1, JSON.stringify(layout), quiz.timeLimitSeconds],
      );
      await this.enrollments.markStarted(manager, enrollment.id);
      return this.toResponse(created, quiz, attempts.length + 1);
    });
  }

  /** Grades once: the conditional UPDATE lets exactly one of many racing submissions through. */
  async submit(userId: string, attemptId: string, dto: SubmitAttemptDto): Promise<SubmissionResponse> {
    const attempt = await this.db.getRepository(QuizAttempt).findOneBy({ id: attemptId, userId });
    if (!attempt) throw notFound('Attempt');
    if (attempt.submittedAt) throw new DomainError(ErrorCode.AttemptClosed, 'This attempt was already submitted');
    const quiz = await this.catalog.quizById(attempt.quizId);
    this.checkAnswers(attempt.layout, quiz, dto);
    const graded = gradeAttempt(quiz.questions, dto.answers, quiz.passMark);
    const ordered = attempt.layout.map((l) => graded.results.find((r) => r.questionId === l.questionId)!);
    return inTransaction(this.db, async (manager) => {
      const enrollment = await this.enrollments.lockById(manager, userId, attempt.enrollmentId);
      if (!enrollment) throw notFound('Attempt');
      const rows = await updateReturning<{ id: string; late: boolean }>(
        manager,
        `UPDATE quiz_attempts SET submitted_at = now(), score = $3, passed = $4, answers = $5, results = $6
          WHERE id = $1 AND user_id = $2 AND submitted_at IS NULL AND (expires_at IS NULL OR expires_at >= now())
          RETURNING id`,
        [attemptId, userId, graded.score, graded.passed, JSON.stringify(dto.answers), JSON.stringify(ordered)],
      );
      if (rows.length === 0) {
        const [state] = await manager.query(`SELECT submitted_at IS NOT NULL AS submitted FROM quiz_attempts WHERE id = $1`, [attemptId]);
        throw new DomainError(ErrorCode.AttemptClosed, state?.submitted ? 'This attempt was already submitted' : 'The time limit for this attempt has passed');
      }
      if (graded.passed) await this.progress.recordQuizPass(manager, enrollment, quiz.id, attemptId);
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM quiz_attempts WHERE enrollment_id = $1 AND quiz_id = $2`, [enrollment.id, quiz.id]);
      await this.tallies.recordSubmission(manager, { attemptId, enrollmentId: enrollment.id, quizId: quiz.id, score: graded.score, passed: graded.passed, results: ordered });
      if (!graded.passed && count >= quiz.maxAttempts) await this.notifier.usedUp(manager, { userId, enrollmentId: enrollment.id, attemptId }, quiz);
      return { attemptId, score: graded.score, passed: graded.passed, passMark: quiz.passMark, attemptsLeft: Math.max(0, quiz.maxAttempts - count), results: ordered };
    });
  }

  /** The learner's standing on one quiz: attempts used, past results and the open attempt if any (for the quiz page). */
  async overview(userId: string, courseSlug: string, quizSlug: string): Promise<QuizOverviewResponse> {
    const enrollment = await this.progress.requireEnrollment(userId, courseSlug);
    const quiz = await this.catalog.quizBySlug(enrollment.versionId, quizSlug);
    const attempts = await this.db.getRepository(QuizAttempt).find({
      where: { enrollmentId: enrollment.id, quizId: quiz.id, userId },
      order: { number: 'ASC' },
      select: ['id', 'number', 'expiresAt', 'submittedAt', 'layout', 'score', 'passed'],
    });
    const now = Date.now();
    const open = attempts.find((a) => !a.submittedAt && (!a.expiresAt || a.expiresAt.getTime() > now));
    return {
      quizSlug: quiz.slug,
      quizTitle: quiz.title,
      passMark: quiz.passMark,
      maxAttempts: quiz.maxAttempts,
      timeLimitSeconds: quiz.timeLimitSeconds,
      questionCount: quiz.questions.length,
      attemptsUsed: attempts.length,
      attemptsLeft: Math.max(0, quiz.maxAttempts - attempts.length),
      passed: attempts.some((a) => a.passed === true),
      open: open ? this.toResponse(open, quiz, attempts.length) : null,
      attempts: attempts.map((a) => ({ attemptId: a.id, number: a.number, score: a.score ?? null, passed: a.passed ?? null, submittedAt: a.submittedAt?.toISOString() ?? null })),
    };
  }

  /** A submitted attempt's result again (for the result page). */
  async result(userId: string, attemptId: string): Promise<SubmissionResponse & { quizId: string; submittedAt: string }> {
    const attempt = await this.db.getRepository(QuizAttempt).findOneBy({ id: attemptId, userId });
    if (!attempt || !attempt.submittedAt) throw notFound('Attempt');
    const quiz = await this.catalog.quizById(attempt.quizId);
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM quiz_attempts WHERE enrollment_id = $1 AND quiz_id = $2`, [attempt.enrollmentId, quiz.id]);
    return {
      attemptId,
      quizId: quiz.id,
      score: attempt.score!,
      passed: attempt.passed!,
      passMark: quiz.passMark,
      attemptsLeft: Math.max(0, quiz.maxAttempts - count),
      results: attempt.results ?? [],
      submittedAt: attempt.submittedAt.toISOString(),
    };
  }

  private checkAnswers(layout: AttemptLayout[], quiz: QuizContent, dto: SubmitAttemptDto): void {
    const seen = new Set<string>();
    dto.answers.forEach((a, i) => {
      const shown = layout.find((l) => l.questionId === a.questionId);
      if (!shown) throw this.invalid(`answers.${i}.questionId`, 'is not a question of this attempt');
      if (seen.has(a.questionId)) throw this.invalid(`answers.${i}.questionId`, 'answers the same question twice');
      seen.add(a.questionId);
      if (a.optionIds.some((id) => !shown.optionIds.includes(id))) throw this.invalid(`answers.${i}.optionIds`, 'holds an option that is not part of this question');
      const type = quiz.questions.find((q) => q.id === a.questionId)!.type;
      if (type !== 'multiple' && a.optionIds.length > 1) throw this.invalid(`answers.${i}.optionIds`, 'takes one option for this question');
      if (new Set(a.optionIds).size !== a.optionIds.length) throw this.invalid(`answers.${i}.optionIds`, 'names an option twice');
    });
  }

  private invalid(field: string, problem: string): DomainError {
    return new DomainError(ErrorCode.ValidationFailed, `${field} ${problem}`, { field });
  }

  private toResponse(a: Pick<QuizAttempt, 'id' | 'number' | 'expiresAt' | 'layout'>, quiz: QuizContent, used: number): AttemptResponse {
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    return {
      attemptId: a.id,
      quizSlug: quiz.slug,
      quizTitle: quiz.title,
      attemptNumber: a.number,
      attemptsLeft: Math.max(0, quiz.maxAttempts - used),
      timeLimitSeconds: quiz.timeLimitSeconds,
      expiresAt: a.expiresAt ? new Date(a.expiresAt).toISOString() : null,
      questions: a.layout.map((l) => {
        const q = byId.get(l.questionId)!;
        const options = new Map(q.options.map((o) => [o.id, o.text]));
        return { id: q.id, type: q.type, prompt: q.prompt, options: l.optionIds.map((id) => ({ id, text: options.get(id)! })) };
      }),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogService, QuizContent, TranslatedContentService } from '@themis/catalog';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { inTransaction } from '@themis/database';
import { EnrollmentRepository, EnrollmentRow, ProgressService } from '@themis/learning';
import { AttemptResponse, QuizOverviewResponse, SubmitAttemptDto } from '../dto/submit-attempt.dto';
import { AnswerProblem, drawQuestions, layoutFor, SubmittedAnswer, toStoredAnswers } from './attempt-layout';
import { AttemptDeadlines } from './attempt-deadlines';
import { AttemptRepository, AttemptRow } from './attempt.repository';
import { SubmissionService } from './submission.service';

const isOpen = (a: AttemptRow, now = Date.now()) => !a.submittedAt && (!a.expiresAt || a.expiresAt.getTime() > now);
const isExpired = (a: AttemptRow, now = Date.now()) => !a.submittedAt && !!a.expiresAt && a.expiresAt.getTime() <= now;

@Injectable()
export class AttemptService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly translated: TranslatedContentService,
    private readonly progress: ProgressService,
    private readonly enrollments: EnrollmentRepository,
    private readonly attempts: AttemptRepository,
    private readonly submissions: SubmissionService,
    private readonly deadlines: AttemptDeadlines,
  ) {}

  /** Starts an attempt, or resumes the open one so a double click or a dropped connection costs no attempt. */
  start(userId: string, courseSlug: string, quizSlug: string, lang?: string): Promise<AttemptResponse> {
    return inTransaction(this.db, async (manager) => {
      const enrollment = await this.progress.requireLocked(manager, userId, courseSlug);
      const quiz = await this.translated.quiz(await this.catalog.quizBySlug(enrollment.versionId, quizSlug), { requested: lang, enrolment: enrollment.language }, manager);
      await this.requireLessonsFirst(manager, enrollment, quiz);
      let attempts = await this.closeExpired(manager, userId, enrollment, quiz.id);
      const allowed = quiz.maxAttempts + (await this.attempts.extraAttempts(manager, enrollment.id, quiz.id));
      const open = attempts.find((a) => isOpen(a));
      if (open) return this.toResponse(open, quiz, allowed - attempts.length);
      if (attempts.length >= allowed) throw new DomainError(ErrorCode.NoAttemptsLeft, `No attempts left: this quiz allows ${allowed}`);
      const layout = layoutFor(drawQuestions(quiz.questions, quiz.draw));
      const created = await this.attempts.insert(manager, { userId, enrollmentId: enrollment.id, quizId: quiz.id, number: attempts.length + 1, layout, timeLimitSeconds: quiz.timeLimitSeconds });
      await this.enrollments.markStarted(manager, enrollment.id);
      await this.deadlines.schedule(manager, created);
      attempts = [...attempts, created];
      return this.toResponse(created, quiz, allowed - attempts.length);
    });
  }

  /** One attempt as it was shown, with what is saved so far (the quiz page reads its forms with it). */
  async get(userId: string, attemptId: string): Promise<AttemptResponse & { courseSlug: string }> {
    const attempt = await this.attempts.find(userId, attemptId);
    if (!attempt) throw notFound('Attempt');
    const quiz = await this.translated.quiz(await this.catalog.quizById(attempt.quizId), { enrolment: await this.enrollments.languageOf(attempt.enrollmentId) });
    return { ...this.toResponse(attempt, quiz, 0), courseSlug: (await this.catalog.versionContent(quiz.versionId)).slug };
  }

  /** Autosave: the answers given so far, checked like a submission, kept until the attempt is graded. */
  async saveAnswers(userId: string, attemptId: string, dto: SubmitAttemptDto): Promise<{ attemptId: string; savedAt: string }> {
    const attempt = await this.attempts.find(userId, attemptId);
    if (!attempt) throw notFound('Attempt');
    const quiz = await this.catalog.quizById(attempt.quizId);
    const types = new Map(quiz.questions.map((q) => [q.id, q.type]));
    try {
      toStoredAnswers(attempt.layout, (id) => types.get(id)!, dto.answers as SubmittedAnswer[]);
    } catch (e) {
      if (e instanceof AnswerProblem) throw new DomainError(ErrorCode.ValidationFailed, e.message, { field: e.field });
      throw e;
    }
    const savedAt = await this.attempts.saveAnswers(userId, attemptId, dto.answers as SubmittedAnswer[]);
    if (!savedAt) throw new DomainError(ErrorCode.AttemptClosed, attempt.submittedAt ? 'This attempt was already submitted' : 'The time limit for this attempt has passed');
    return { attemptId, savedAt: savedAt.toISOString() };
  }

  /** The learner's standing on one quiz: attempts used, past results and the open attempt if any (for the quiz page). */
  async overview(userId: string, courseSlug: string, quizSlug: string): Promise<QuizOverviewResponse> {
    const enrollment = await this.progress.requireEnrollment(userId, courseSlug);
    const quiz = await this.translated.quiz(await this.catalog.quizBySlug(enrollment.versionId, quizSlug), { enrolment: enrollment.language });
    const attempts = await inTransaction(this.db, (manager) => this.closeExpired(manager, userId, enrollment, quiz.id));
    const allowed = quiz.maxAttempts + (await this.attempts.extraAttempts(this.db.manager, enrollment.id, quiz.id));
    const open = attempts.find((a) => isOpen(a));
    const passed = attempts.some((a) => a.passed === true);
    const attemptsLeft = Math.max(0, allowed - attempts.length);
    return {
      quizSlug: quiz.slug,
      quizTitle: quiz.title,
      passMark: quiz.passMark,
      maxAttempts: allowed,
      timeLimitSeconds: quiz.timeLimitSeconds,
      questionCount: quiz.questionCount,
      attemptsUsed: attempts.length,
      attemptsLeft,
      passed,
      review: { show: quiz.review.show, when: quiz.review.when },
      contact: attemptsLeft === 0 && !passed && !open ? quiz.review.contact ?? null : null,
      open: open ? this.toResponse(open, quiz, attemptsLeft) : null,
      attempts: attempts.map((a) => ({ attemptId: a.id, number: a.number, score: a.score ?? null, passed: a.passed ?? null, submittedAt: a.submittedAt?.toISOString() ?? null })),
    };
  }

  /** 403 naming the module's lessons left, when the course asks for them before the quiz. */
  private async requireLessonsFirst(manager: EntityManager, enrollment: EnrollmentRow, quiz: QuizContent): Promise<void> {
    const version = await this.catalog.versionContent(enrollment.versionId);
    if (!version.lessonsBeforeQuiz) return;
    const mod = version.modules.find((m) => m.quiz?.id === quiz.id);
    if (!mod) return;
    const left = await this.enrollments.incompleteLessons(manager, enrollment.id, mod.lessons.map((l) => l.id));
    if (left.length === 0) return;
    const lessons = mod.lessons.filter((l) => left.includes(l.id)).map((l) => ({ slug: l.slug, title: l.title }));
    throw new DomainError(ErrorCode.LessonsFirst, `Complete the lessons of this module before its quiz: ${lessons.map((l) => `"${l.title}" (${l.slug})`).join(', ')}`, { lessonsLeft: lessons });
  }

  /** Grades any attempt left open past its time limit (the timer's job, done here too so no read sees it open). */
  private async closeExpired(manager: EntityManager, userId: string, enrollment: EnrollmentRow, quizId: string): Promise<AttemptRow[]> {
    const attempts = await this.attempts.list(manager, userId, enrollment.id, quizId);
    const expired = attempts.filter((a) => isExpired(a));
    if (expired.length === 0) return attempts;
    for (const a of expired) await this.submissions.gradeExpired(userId, a.id, manager);
    return this.attempts.list(manager, userId, enrollment.id, quizId);
  }

  private toResponse(a: AttemptRow, quiz: QuizContent, attemptsLeft: number): AttemptResponse {
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    return {
      attemptId: a.id,
      quizSlug: quiz.slug,
      quizTitle: quiz.title,
      ...(quiz.language ? { language: quiz.language } : {}),
      attemptNumber: a.number,
      attemptsLeft: Math.max(0, attemptsLeft),
      timeLimitSeconds: quiz.timeLimitSeconds,
      expiresAt: a.expiresAt ? new Date(a.expiresAt).toISOString() : null,
      questions: a.layout.map((l) => {
        const q = byId.get(l.questionId)!;
        const options = new Map(q.options.map((o) => [o.id, o.text]));
        const stems = new Map((q.stems ?? []).map((s) => [s.id, s.text]));
        return {
          id: q.id,
          type: q.type,
          prompt: q.prompt,
          options: l.optionIds.map((id, i) => ({ id, text: options.get((l.refs ?? l.optionIds)[i]!)! })),
          ...(l.stemIds ? { stems: l.stemIds.map((id, i) => ({ id, text: stems.get(l.stemRefs![i]!)! })) } : {}),
        };
      }),
      saved: a.savedAnswers ?? [],
      savedAt: a.savedAt ? new Date(a.savedAt).toISOString() : null,
    };
  }
}

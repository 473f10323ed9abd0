import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogService } from '@themis/catalog';
import { DomainError, ErrorCode } from '@themis/core';
import { inTransaction, updateReturning } from '@themis/database';
import { EnrollmentRepository, EnrollmentRow } from '../enrollments/enrollment.repository';
import { CompletionRequirements } from './completion-requirements';
import { CourseCompletionHooks } from './course-completion-hooks';
import { isComplete, progressPercent, progressStatus, ProgressStatus } from './progress.rules';
import { LessonTimer } from './lesson-timer';

export interface ProgressResponse {
  courseSlug: string;
  courseTitle: string;
  version: number;
  percent: number;
  completedLessons: number;
  totalLessons: number;
  quizzesPassed: number;
  totalQuizzes: number;
  status: ProgressStatus;
  certificateCode: string | null;
  /** What the course still asks beyond lessons and quizzes before it is complete: `evaluation`, `attendance`. */
  requirementsLeft: string[];
  enrolledAt: string;
  completedAt: string | null;
}

@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly enrollments: EnrollmentRepository,
    private readonly catalog: CatalogService,
    private readonly hooks: CourseCompletionHooks,
    private readonly timer: LessonTimer,
    private readonly requirements: CompletionRequirements,
  ) {}

  async completeLesson(userId: string, courseSlug: string, lessonSlug: string): Promise<ProgressResponse> {
    return inTransaction(this.db, async (manager) => {
      const enrollment = await this.requireLocked(manager, userId, courseSlug);
      const version = await this.catalog.versionContent(enrollment.versionId);
      const lessonId = await this.catalog.lessonId(enrollment.versionId, lessonSlug);
      const seconds = await this.timer.secondsOnTask(manager, userId, enrollment.id, lessonId, version.minLessonSeconds);
      await manager.query(
        `INSERT INTO lesson_completions (enrollment_id, lesson_id, seconds_on_task) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [enrollment.id, lessonId, seconds],
      );
      return this.settle(manager, enrollment);
    });
  }

  /** Called by assessment inside its grading transaction, with the enrolment already locked. */
  async recordQuizPass(manager: EntityManager, enrollment: EnrollmentRow, quizId: string, attemptId: string): Promise<ProgressResponse> {
    await manager.query(`INSERT INTO quiz_passes (enrollment_id, quiz_id, attempt_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [enrollment.id, quizId, attemptId]);
    return this.settle(manager, enrollment);
  }

  async requireLocked(manager: EntityManager, userId: string, courseSlug: string): Promise<EnrollmentRow> {
    const enrollment = await this.enrollments.lock(manager, userId, courseSlug);
    if (!enrollment) throw await this.notEnrolled(courseSlug);
    return enrollment;
  }

  async requireEnrollment(userId: string, courseSlug: string): Promise<EnrollmentRow> {
    const enrollment = await this.enrollments.find(userId, courseSlug);
    if (!enrollment) throw await this.notEnrolled(courseSlug);
    return enrollment;
  }

  async listForUser(userId: string): Promise<ProgressResponse[]> {
    return (await this.withEnrolments(userId)).map(({ progress }) => progress);
  }

  /** The learner's progress with what a page needs to show each title in the enrolment's language. */
  async withEnrolments(userId: string): Promise<{ progress: ProgressResponse; versionId: string; language: string | null }[]> {
    const rows = await this.enrollments.listForUser(userId);
    return Promise.all(rows.map(async (r) => ({ progress: await this.toResponse(r, r, r.attempts > 0), versionId: r.versionId, language: r.language })));
  }

  /** Learners' progress in one course, for trainers (the route requires the reports permission). */
  async listForCourse(courseSlug: string): Promise<(ProgressResponse & { learnerName: string; learnerEmail: string })[]> {
    const rows = await this.enrollments.listForCourse(courseSlug);
    return Promise.all(rows.map(async (r) => ({ ...(await this.toResponse(r, r, r.attempts > 0)), learnerName: r.fullName, learnerEmail: r.email })));
  }

  async forCourse(userId: string, courseSlug: string): Promise<ProgressResponse> {
    return (await this.standing(userId, courseSlug)).progress;
  }

  /** The enrolment, its progress and the ids of the lessons completed, from one query. */
  async standing(userId: string, courseSlug: string): Promise<{ enrollment: EnrollmentRow; progress: ProgressResponse; completedLessonIds: string[] }> {
    const row = await this.enrollments.standing(userId, courseSlug);
    if (!row) throw await this.notEnrolled(courseSlug);
    const counts = { completedLessons: row.completedLessonIds.length, quizzesPassed: row.quizzesPassed };
    return { enrollment: row, progress: await this.toResponse(row, counts, row.attempts > 0), completedLessonIds: row.completedLessonIds };
  }

  /**
   * Completes the course if everything is done now: a requirement's owner calls it, in its own
   * transaction, once the requirement is met (e.g. the evaluation submitted).
   */
  async recheck(manager: EntityManager, userId: string, enrollmentId: string): Promise<ProgressResponse> {
    const enrollment = await this.enrollments.lockById(manager, userId, enrollmentId);
    if (!enrollment) throw new DomainError(ErrorCode.NotEnrolled, 'Enrol in this course first');
    return this.settle(manager, enrollment);
  }

  /** After any change: completes the course once (the locked row and `completed_at IS NULL` make it once). */
  private async settle(manager: EntityManager, enrollment: EnrollmentRow): Promise<ProgressResponse> {
    const counts = await this.enrollments.counts(manager, enrollment.id);
    const version = await this.catalog.versionContent(enrollment.versionId);
    const full = { ...counts, totalLessons: version.lessonIds.length, totalQuizzes: version.quizIds.length };
    if (!enrollment.completedAt && isComplete(full)) (full as { requirementsLeft?: number }).requirementsLeft = (await this.requirements.left(manager, enrollment, version)).length;
    let current = enrollment;
    if (isComplete(full) && !enrollment.completedAt) {
      const [row] = await updateReturning<{ completedAt: Date }>(manager, `UPDATE enrollments SET completed_at = now() WHERE id = $1 AND completed_at IS NULL RETURNING completed_at AS "completedAt"`, [enrollment.id]);
      if (row) {
        const code = await this.hooks.run(manager, { enrollmentId: enrollment.id, userId: enrollment.userId, courseId: enrollment.courseId, versionId: enrollment.versionId, completedAt: row.completedAt });
        if (code) await manager.query(`UPDATE enrollments SET certificate_code = $2 WHERE id = $1`, [enrollment.id, code]);
        current = { ...enrollment, completedAt: row.completedAt, certificateCode: code };
      }
    }
    return this.toResponse(current, counts, true, manager);
  }

  async setCertificateCode(manager: EntityManager, enrollmentId: string, code: string): Promise<void> {
    await manager.query(`UPDATE enrollments SET certificate_code = $2 WHERE id = $1`, [enrollmentId, code]);
  }

  private async toResponse(e: EnrollmentRow, counts: { completedLessons: number; quizzesPassed: number }, started: boolean, manager: EntityManager = this.db.manager): Promise<ProgressResponse> {
    const version = await this.catalog.versionContent(e.versionId);
    // Named fields only: `counts` is often the whole enrolment row, which must not leak into the answer.
    const base = { completedLessons: counts.completedLessons, totalLessons: version.lessonIds.length, quizzesPassed: counts.quizzesPassed, totalQuizzes: version.quizIds.length };
    const requirementsLeft = e.completedAt ? [] : await this.requirements.left(manager, { id: e.id, userId: e.userId, versionId: e.versionId }, version);
    const full = { ...base, requirementsLeft: requirementsLeft.length };
    return {
      courseSlug: e.courseSlug,
      courseTitle: version.title,
      version: version.version,
      percent: progressPercent(full),
      ...base,
      status: e.completedAt ? 'completed' : progressStatus(full, started),
      certificateCode: e.certificateCode,
      requirementsLeft,
      enrolledAt: new Date(e.enrolledAt).toISOString(),
      completedAt: e.completedAt ? new Date(e.completedAt).toISOString() : null,
    };
  }

  private async notEnrolled(courseSlug: string): Promise<DomainError> {
    const current = await this.catalog.currentVersionId(courseSlug);
    return current ? new DomainError(ErrorCode.NotEnrolled, 'Enrol in this course first') : new DomainError(ErrorCode.NotFound, 'Course not found');
  }
}

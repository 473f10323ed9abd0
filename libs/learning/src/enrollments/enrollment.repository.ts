import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, updateReturning } from '@themis/database';
import { Enrollment } from '../entities/enrollment.entity';

export interface EnrollmentRow {
  id: string;
  userId: string;
  courseId: string;
  versionId: string;
  courseSlug: string;
  enrolledAt: Date;
  completedAt: Date | null;
  certificateCode: string | null;
  /** The content language chosen at enrolment or since; null for enrolments older than the choice. */
  language: string | null;
}

const COLUMNS = `e.id, e.user_id AS "userId", e.course_id AS "courseId", e.version_id AS "versionId", c.slug AS "courseSlug",
  e.enrolled_at AS "enrolledAt", e.completed_at AS "completedAt", e.certificate_code AS "certificateCode", e.language`;

/** Every query here is scoped to the learner who asks. */
@Injectable()
export class EnrollmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Learners who completed a version and hold no certificate for it (it was not yet approved), locked for the issuer. */
  async completedWithoutCertificate(manager: EntityManager, versionId: string): Promise<{ enrollmentId: string; userId: string; courseId: string; versionId: string; completedAt: Date }[]> {
    return manager.query(
      `SELECT id AS "enrollmentId", user_id AS "userId", course_id AS "courseId", version_id AS "versionId", completed_at AS "completedAt"
       FROM enrollments WHERE version_id = $1 AND completed_at IS NOT NULL AND certificate_code IS NULL ORDER BY completed_at, id FOR UPDATE`,
      [versionId],
    );
  }

  async find(userId: string, courseSlug: string, manager: EntityManager = this.db.manager): Promise<EnrollmentRow | null> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = $1 AND c.slug = $2`, [userId, courseSlug]);
    return rows[0] ?? null;
  }

  /** Locks the enrolment row: completions, attempts and gradings of one learner's course run one at a time. */
  async lock(manager: EntityManager, userId: string, courseSlug: string): Promise<EnrollmentRow | null> {
    const rows = await manager.query(
      `SELECT ${COLUMNS} FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = $1 AND c.slug = $2 FOR UPDATE OF e`,
      [userId, courseSlug],
    );
    return rows[0] ?? null;
  }

  async lockById(manager: EntityManager, userId: string, enrollmentId: string): Promise<EnrollmentRow | null> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = $1 AND e.id = $2 FOR UPDATE OF e`, [userId, enrollmentId]);
    return rows[0] ?? null;
  }

  /** The enrolment's first activity (a quiz attempt; lesson visits set it in LessonTimer.recordVisit): the report's "started". */
  async markStarted(manager: EntityManager, enrollmentId: string): Promise<void> {
    await manager.query(`UPDATE enrollments SET started_at = now() WHERE id = $1 AND started_at IS NULL`, [enrollmentId]);
  }

  /** Which of `lessonIds` the enrolment has not completed, in the order given. */
  async incompleteLessons(manager: EntityManager, enrollmentId: string, lessonIds: string[]): Promise<string[]> {
    if (lessonIds.length === 0) return [];
    const done: { lesson_id: string }[] = await manager.query(`SELECT lesson_id FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = ANY($2::uuid[])`, [enrollmentId, lessonIds]);
    const completed = new Set(done.map((r) => r.lesson_id));
    return lessonIds.filter((id) => !completed.has(id));
  }

  /** Inserts unless present; `created` tells the first enrolment from a repeat. */
  async enroll(userId: string, courseId: string, versionId: string, language: string | null = null): Promise<{ enrolledAt: Date; versionId: string; language: string | null; created: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO enrollments (user_id, course_id, version_id, language) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, course_id) DO NOTHING
       RETURNING enrolled_at AS "enrolledAt", version_id AS "versionId", language`,
      [userId, courseId, versionId, language],
    );
    if (inserted.length > 0) return { ...inserted[0], created: true };
    const existing = await this.db.getRepository(Enrollment).findOneOrFail({ where: { userId, courseId }, select: ['enrolledAt', 'versionId', 'language'] });
    return { enrolledAt: existing.enrolledAt, versionId: existing.versionId, language: existing.language, created: false };
  }

  /** Switches the content language; progress is kept, being keyed by the enrolment, not by language. */
  async setLanguage(userId: string, courseSlug: string, language: string): Promise<boolean> {
    const rows = await updateReturning(
      this.db.manager,
      `UPDATE enrollments e SET language = $3 FROM courses c WHERE c.id = e.course_id AND e.user_id = $1 AND c.slug = $2 RETURNING e.id`,
      [userId, courseSlug, language],
    );
    return rows.length > 0;
  }

  /** The content language of the enrolment an attempt belongs to (the explanations' language at grading). */
  async languageOf(enrollmentId: string, manager?: EntityManager): Promise<string | null> {
    const rows = await (manager ?? this.db).query(`SELECT language FROM enrollments WHERE id = $1`, [enrollmentId]);
    return rows[0]?.language ?? null;
  }

  /** Enrolments of courses the learner has not finished (closing an account deletes them). */
  async unfinishedIds(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM enrollments WHERE user_id = $1 AND completed_at IS NULL FOR UPDATE`, [userId]);
    return rows.map((r) => r.id);
  }

  /** Deletes those enrolments with their lesson visits, completions and quiz passes (the rows that belong to them). */
  async deleteUnfinished(manager: EntityManager, userId: string, ids: string[]): Promise<void> {
    await manager.query(`DELETE FROM enrollments WHERE user_id = $1 AND id = ANY($2::uuid[]) AND completed_at IS NULL`, [userId, ids]);
  }

  /** The learner's enrolments with their progress counts. */
  async listForUser(userId: string): Promise<(EnrollmentRow & { completedLessons: number; quizzesPassed: number; attempts: number })[]> {
    return this.db.query(
      `SELECT ${COLUMNS},
              (SELECT count(*)::int FROM lesson_completions lc WHERE lc.enrollment_id = e.id) AS "completedLessons",
              (SELECT count(*)::int FROM quiz_passes qp WHERE qp.enrollment_id = e.id) AS "quizzesPassed",
              (SELECT count(*)::int FROM quiz_attempts qa WHERE qa.enrollment_id = e.id) AS "attempts"
         FROM enrollments e JOIN courses c ON c.id = e.course_id
        WHERE e.user_id = $1
        ORDER BY e.enrolled_at DESC`,
      [userId],
    );
  }

  /** One read of the learner's standing in a course: the enrolment, its counts and the lessons completed. */
  async standing(userId: string, courseSlug: string): Promise<(EnrollmentRow & { quizzesPassed: number; attempts: number; completedLessonIds: string[] }) | null> {
    const rows = await preparedQuery<EnrollmentRow & { quizzesPassed: number; attempts: number; completedLessonIds: string[] }>(
      this.db,
      'enrollment-standing',
      `SELECT ${COLUMNS},
              (SELECT count(*)::int FROM quiz_passes qp WHERE qp.enrollment_id = e.id) AS "quizzesPassed",
              (SELECT count(*)::int FROM quiz_attempts qa WHERE qa.enrollment_id = e.id) AS "attempts",
              ARRAY(SELECT lc.lesson_id::text FROM lesson_completions lc WHERE lc.enrollment_id = e.id) AS "completedLessonIds"
         FROM enrollments e JOIN courses c ON c.id = e.course_id
        WHERE e.user_id = $1 AND c.slug = $2`,
      [userId, courseSlug],
    );
    return rows[0] ?? null;
  }

  async counts(manager: EntityManager, enrollmentId: string): Promise<{ completedLessons: number; quizzesPassed: number }> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*)::int FROM lesson_completions WHERE enrollment_id = $1) AS "completedLessons",
              (SELECT count(*)::int FROM quiz_passes WHERE enrollment_id = $1) AS "quizzesPassed"`,
      [enrollmentId],
    );
    return row;
  }

  async completedLessonSlugs(userId: string, enrollmentId: string): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT l.slug FROM lesson_completions lc JOIN enrollments e ON e.id = lc.enrollment_id JOIN lessons l ON l.id = lc.lesson_id WHERE e.user_id = $1 AND e.id = $2`,
      [userId, enrollmentId],
    );
    return rows.map((r: { slug: string }) => r.slug);
  }

  /** Staff report: every learner enrolled in one course, with counts; staff-only routes call this. */
  async listForCourse(courseSlug: string): Promise<(EnrollmentRow & { fullName: string; email: string; completedLessons: number; quizzesPassed: number; attempts: number })[]> {
    return this.db.query(
      `SELECT ${COLUMNS}, u.full_name AS "fullName", u.email,
              (SELECT count(*)::int FROM lesson_completions lc WHERE lc.enrollment_id = e.id) AS "completedLessons",
              (SELECT count(*)::int FROM quiz_passes qp WHERE qp.enrollment_id = e.id) AS "quizzesPassed",
              (SELECT count(*)::int FROM quiz_attempts qa WHERE qa.enrollment_id = e.id) AS "attempts"
         FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN users u ON u.id = e.user_id
        WHERE c.slug = $1
        ORDER BY u.full_name, e.enrolled_at`,
      [courseSlug],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@themis/database';
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
}

const COLUMNS = `e.id, e.user_id AS "userId", e.course_id AS "courseId", e.version_id AS "versionId", c.slug AS "courseSlug",
  e.enrolled_at AS "enrolledAt", e.completed_at AS "completedAt", e.certificate_code AS "certificateCode"`;

/** Every query here is scoped to the learner who asks. */
@Injectable()
export class EnrollmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
  async enroll(userId: string, courseId: string, versionId: string): Promise<{ enrolledAt: Date; versionId: string; created: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO enrollments (user_id, course_id, version_id) VALUES ($1, $2, $3) ON CONFLICT (user_id, course_id) DO NOTHING RETURNING enrolled_at AS "enrolledAt", version_id AS "versionId"`,
      [userId, courseId, versionId],
    );
    if (inserted.length > 0) return { ...inserted[0], created: true };
    const existing = await this.db.getRepository(Enrollment).findOneOrFail({ where: { userId, courseId }, select: ['enrolledAt', 'versionId'] });
    return { enrolledAt: existing.enrolledAt, versionId: existing.versionId, created: false };
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

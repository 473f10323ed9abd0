import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CourseTimeRow {
  courseSlug: string;
  courseTitle: string;
  /** The language of the version's own title (the source language). */
  courseLanguage: string;
  version: number;
  enrolledAt: Date;
  completedAt: Date | null;
  lessonsCompleted: number;
  secondsOnTask: number;
}

/** The learning side of a transcript: time on task per enrolment, always for one user. */
@Injectable()
export class TranscriptRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async timeOnTask(userId: string): Promise<CourseTimeRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT c.slug AS "courseSlug", cv.title AS "courseTitle", cv.language AS "courseLanguage", cv.version, e.enrolled_at AS "enrolledAt", e.completed_at AS "completedAt",
              count(lc.lesson_id)::int AS "lessonsCompleted", coalesce(sum(lc.seconds_on_task), 0)::int AS "secondsOnTask"
         FROM enrollments e
         JOIN courses c ON c.id = e.course_id
         JOIN course_versions cv ON cv.id = e.version_id
         LEFT JOIN lesson_completions lc ON lc.enrollment_id = e.id
        WHERE e.user_id = $1
        GROUP BY e.id, c.slug, cv.title, cv.language, cv.version
        ORDER BY e.enrolled_at, c.slug`,
      [userId],
    );
    return rows.map((r) => ({
      ...(r as unknown as CourseTimeRow),
      enrolledAt: new Date(r['enrolledAt'] as string),
      completedAt: r['completedAt'] ? new Date(r['completedAt'] as string) : null,
      lessonsCompleted: Number(r['lessonsCompleted']),
      secondsOnTask: Number(r['secondsOnTask']),
    }));
  }
}

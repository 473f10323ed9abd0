import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@themis/core';

/** A lesson left open overnight is not four hours of study: time on task is capped. */
export const MAX_SECONDS_ON_TASK = 2 * 60 * 60;

@Injectable()
export class LessonTimer {
  /** The first visit of any lesson also marks the enrolment started (one statement: both or neither). */
  async recordVisit(manager: EntityManager, enrollmentId: string, lessonId: string): Promise<void> {
    await manager.query(
      `WITH visit AS (INSERT INTO lesson_visits (enrollment_id, lesson_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING enrollment_id)
       UPDATE enrollments SET started_at = now() WHERE id IN (SELECT enrollment_id FROM visit) AND started_at IS NULL`,
      [enrollmentId, lessonId],
    );
  }

  /** Seconds since the lesson was first opened (null if never opened); refuses completion under the course's minimum. */
  async secondsOnTask(manager: EntityManager, enrollmentId: string, lessonId: string, minSeconds: number | null): Promise<number | null> {
    const [visit] = await manager.query(
      `SELECT extract(epoch FROM now() - first_opened_at)::int AS seconds,
              EXISTS (SELECT 1 FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2) AS done
         FROM lesson_visits WHERE enrollment_id = $1 AND lesson_id = $2`,
      [enrollmentId, lessonId],
    );
    const seconds: number | null = visit ? Math.min(visit.seconds, MAX_SECONDS_ON_TASK) : null;
    if (minSeconds && !visit?.done && (seconds === null || seconds < minSeconds)) {
      const wait = seconds === null ? minSeconds : minSeconds - seconds;
      throw new DomainError(ErrorCode.TooSoon, `This course asks for at least ${Math.ceil(minSeconds / 60)} minutes of study per lesson; open the lesson and come back in ${wait} seconds`, { retryAfterSeconds: wait });
    }
    return seconds;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@themis/core';

/** A lesson left open overnight is not four hours of study: one stint, and a lesson's total, are capped. */
export const MAX_SECONDS_ON_TASK = 2 * 60 * 60;

/**
 * Study time counts one lesson at a time per learner (issue 21): each learner has one study clock
 * (study_clocks), on the lesson opened last. Opening a lesson, or a heartbeat from its page, adds
 * the time since the clock last moved to the lesson it was on and puts it on this one; so 13 lessons
 * opened side by side earn the time that passed, once, not 13 times. Completing a lesson stops it.
 */
@Injectable()
export class LessonTimer {
  /** The first visit of any lesson also marks the enrolment started. */
  async recordVisit(manager: EntityManager, userId: string, enrollmentId: string, lessonId: string): Promise<void> {
    await manager.transaction(async (m) => {
      await m.query(
        `WITH visit AS (INSERT INTO lesson_visits (enrollment_id, lesson_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING enrollment_id)
         UPDATE enrollments SET started_at = now() WHERE id IN (SELECT enrollment_id FROM visit) AND started_at IS NULL`,
        [enrollmentId, lessonId],
      );
      // A finished lesson read again does not take the clock from the one being studied.
      const [done] = await m.query(`SELECT 1 FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2`, [enrollmentId, lessonId]);
      if (!done) await this.moveClock(m, userId, { enrollmentId, lessonId });
    });
  }

  /** A heartbeat from a visible lesson page: the same as opening it again (time so far is kept). */
  async heartbeat(manager: EntityManager, userId: string, enrollmentId: string, lessonId: string): Promise<number> {
    return manager.transaction(async (m) => {
      const [visit] = await m.query(`SELECT NOT EXISTS (SELECT 1 FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2) AS open FROM lesson_visits WHERE enrollment_id = $1 AND lesson_id = $2`, [enrollmentId, lessonId]);
      if (!visit?.open) return 0; // a heartbeat never opens a lesson (only reading it does), nor reopens a finished one
      await this.moveClock(m, userId, { enrollmentId, lessonId });
      const [row] = await m.query(`SELECT seconds_accrued AS s FROM lesson_visits WHERE enrollment_id = $1 AND lesson_id = $2`, [enrollmentId, lessonId]);
      return row.s;
    });
  }

  /**
   * The lesson's study time so far (null if never opened); refuses completion under the course's
   * minimum. Run inside the completion transaction: the clock stops when the lesson is done.
   */
  async secondsOnTask(manager: EntityManager, userId: string, enrollmentId: string, lessonId: string, minSeconds: number | null): Promise<number | null> {
    const [visit] = await manager.query(
      `SELECT v.seconds_accrued AS accrued,
              (SELECT LEAST($4::int, extract(epoch FROM now() - c.since)::int) FROM study_clocks c WHERE c.user_id = $3 AND c.enrollment_id = $1 AND c.lesson_id = $2) AS running,
              EXISTS (SELECT 1 FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2) AS done
         FROM lesson_visits v WHERE v.enrollment_id = $1 AND v.lesson_id = $2`,
      [enrollmentId, lessonId, userId, MAX_SECONDS_ON_TASK],
    );
    const seconds: number | null = visit ? Math.min(visit.accrued + Math.max(0, visit.running ?? 0), MAX_SECONDS_ON_TASK) : null;
    if (minSeconds && !visit?.done && (seconds === null || seconds < minSeconds)) {
      const wait = seconds === null ? minSeconds : minSeconds - seconds;
      throw new DomainError(ErrorCode.TooSoon, `This course asks for at least ${Math.ceil(minSeconds / 60)} minutes of study per lesson, one lesson at a time; stay on the lesson and come back in ${wait} seconds`, { retryAfterSeconds: wait });
    }
    if (visit && !visit.done) await this.moveClock(manager, userId, null);
    return seconds;
  }

  /** Adds the running stint to the lesson the clock is on, then puts it on `to` (or stops it). */
  private async moveClock(m: EntityManager, userId: string, to: { enrollmentId: string; lessonId: string } | null): Promise<void> {
    await m.query(`INSERT INTO study_clocks (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [userId]);
    const [clock] = await m.query(`SELECT enrollment_id, lesson_id, LEAST($2::int, GREATEST(0, extract(epoch FROM now() - since)::int)) AS elapsed FROM study_clocks WHERE user_id = $1 FOR UPDATE`, [userId, MAX_SECONDS_ON_TASK]);
    if (clock.lesson_id) {
      await m.query(`UPDATE lesson_visits SET seconds_accrued = LEAST($4::int, seconds_accrued + $3::int) WHERE enrollment_id = $1 AND lesson_id = $2`, [clock.enrollment_id, clock.lesson_id, clock.elapsed, MAX_SECONDS_ON_TASK]);
    }
    await m.query(`UPDATE study_clocks SET enrollment_id = $2, lesson_id = $3, since = now() WHERE user_id = $1`, [userId, to?.enrollmentId ?? null, to?.lessonId ?? null]);
  }
}

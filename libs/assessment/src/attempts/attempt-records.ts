import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface AttemptRecord {
  id: string;
  enrollmentId: string;
  quizId: string;
  number: number;
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  passed: boolean | null;
}

/** A learner's own attempts, for the download of their data and for closing their account. */
@Injectable()
export class AttemptRecords {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listForUser(userId: string): Promise<AttemptRecord[]> {
    const rows = await this.db.query(
      `SELECT id, enrollment_id AS "enrollmentId", quiz_id AS "quizId", number, started_at AS "startedAt", submitted_at AS "submittedAt", score, passed
         FROM quiz_attempts WHERE user_id = $1 ORDER BY started_at`,
      [userId],
    );
    return rows.map((r: AttemptRecord & { startedAt: Date; submittedAt: Date | null }) => ({ ...r, startedAt: r.startedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null }));
  }

  /** The attempts of the given enrolments of this learner (their unfinished courses). */
  async deleteForEnrollments(manager: EntityManager, userId: string, enrollmentIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM quiz_attempts WHERE user_id = $1 AND enrollment_id = ANY($2::uuid[])`, [userId, enrollmentIds]);
  }
}

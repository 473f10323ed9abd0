import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EvaluationAnswers } from './entities/evaluation-response.entity';

/**
 * Responses are released from the pool once this many of a version have gathered: until then a
 * released response could be told apart from the others only by who submitted since the last batch.
 */
export const RELEASE_BATCH = 3;

/** Queries on evaluation_submissions, evaluation_response_pool and evaluation_responses. */
@Injectable()
export class EvaluationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async hasSubmitted(userId: string, versionId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM evaluation_submissions WHERE user_id = $1 AND course_version_id = $2`, [userId, versionId]);
    return rows.length > 0;
  }

  /**
   * Records that the learner submitted, and pools the answers, in the caller's transaction; false
   * (nothing written) when they submitted before: the primary key settles racing submissions.
   *
   * Why no response can be traced to its submitter: the response row has no user, enrolment or
   * submission id, no time finer than the month of its release, and a random id. It is first
   * written to the pool; when RELEASE_BATCH responses of the version have gathered, the whole pool
   * of the version is moved to evaluation_responses in random order (ORDER BY random()) and deleted,
   * so neither the ids, the physical order of the rows nor their month ties one response to one of
   * the submissions of that batch. What is left: whoever reads the database's dead tuples or WAL
   * before vacuum sees pool rows in commit order (docs/SECURITY.md-grade access, not the API's).
   */
  async submit(manager: EntityManager, userId: string, versionId: string, answers: EvaluationAnswers): Promise<boolean> {
    const [who] = await manager.query(
      `INSERT INTO evaluation_submissions (user_id, course_version_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
      [userId, versionId],
    );
    if (!who) return false;
    await manager.query(`INSERT INTO evaluation_response_pool (course_version_id, answers) VALUES ($1, $2)`, [versionId, JSON.stringify(answers)]);
    await this.releaseIfFull(manager, versionId);
    return true;
  }

  /** Moves the version's pool to the responses in random order once it holds a batch (locked, so two releases never interleave). */
  async releaseIfFull(manager: EntityManager, versionId: string, batch = RELEASE_BATCH): Promise<number> {
    const pooled: { id: string }[] = await manager.query(`SELECT id FROM evaluation_response_pool WHERE course_version_id = $1 FOR UPDATE`, [versionId]);
    if (pooled.length < batch) return 0;
    await manager.query(
      `INSERT INTO evaluation_responses (course_version_id, month, answers)
       SELECT course_version_id, date_trunc('month', now())::date, answers FROM evaluation_response_pool WHERE id = ANY($1::uuid[]) ORDER BY random()`,
      [pooled.map((p) => p.id)],
    );
    await manager.query(`DELETE FROM evaluation_response_pool WHERE id = ANY($1::uuid[])`, [pooled.map((p) => p.id)]);
    return pooled.length;
  }

  /** Released responses of these versions, in the order of their random ids. */
  responses(versionIds: string[]): Promise<{ courseVersionId: string; month: string; answers: EvaluationAnswers }[]> {
    if (versionIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT course_version_id AS "courseVersionId", to_char(month, 'YYYY-MM') AS month, answers FROM evaluation_responses WHERE course_version_id = ANY($1::uuid[]) ORDER BY id`,
      [versionIds],
    );
  }

  /** How many submitted, and how many responses wait in the pool, for these versions. */
  async counts(versionIds: string[]): Promise<{ submitted: number; pooled: number }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM evaluation_submissions WHERE course_version_id = ANY($1::uuid[])) AS submitted,
              (SELECT count(*)::int FROM evaluation_response_pool WHERE course_version_id = ANY($1::uuid[])) AS pooled`,
      [versionIds],
    );
    return row;
  }

  /** The versions that have submissions (trainers' results span them). */
  async versionsWithSubmissions(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT DISTINCT course_version_id AS id FROM evaluation_submissions`);
    return rows.map((r) => r.id);
  }
}

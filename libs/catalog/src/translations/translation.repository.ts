import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { pieceKey, Pieces } from './translated-content';

/**
 * Reads translations for a version from the newest version of the same course with the same
 * structure hash: a version that changed only translations lends them to earlier enrolments,
 * whose progress and certificate stay on their own version.
 */
const LENDER = `(SELECT s.id FROM course_versions v JOIN course_versions s ON s.course_id = v.course_id AND s.structure_hash = v.structure_hash
                  WHERE v.id = $1 ORDER BY s.version DESC LIMIT 1)`;

@Injectable()
export class TranslationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The languages the version can be read in (its lender's, which has at least its own). */
  // A caller inside a transaction passes its manager: a second pool connection per request would starve the pool under a race.
  async languages(versionId: string, manager?: EntityManager): Promise<{ source: string; languages: string[] }> {
    const [row] = await (manager ?? this.db).query(
      `SELECT v.language AS source, COALESCE((SELECT s.languages FROM course_versions s WHERE s.id = ${LENDER}), v.languages) AS languages FROM course_versions v WHERE v.id = $1`,
      [versionId],
    );
    return row ? { source: row.source, languages: row.languages.length ? row.languages : [row.source] } : { source: 'en', languages: ['en'] };
  }

  /** The pieces of `kinds` in `lang`; lessons carry only their titles unless `lessonSlug` names the one to read whole. */
  async pieces(versionId: string, lang: string, kinds: string[], lessonSlug?: string, manager?: EntityManager): Promise<Pieces> {
    const rows: { kind: string; key: string; content: Record<string, unknown> }[] = await (manager ?? this.db).query(
      `SELECT t.kind, t.key, CASE WHEN t.kind = 'lesson' AND t.key IS DISTINCT FROM $4 THEN jsonb_build_object('title', t.content->'title') ELSE t.content END AS content
         FROM content_translations t WHERE t.version_id = ${LENDER} AND t.language = $2 AND t.kind = ANY($3::text[])`,
      [versionId, lang, kinds, lessonSlug ?? null],
    );
    return new Map(rows.map((r) => [pieceKey(r.kind, r.key), r.content]));
  }

  async quiz(versionId: string, lang: string, quizSlug: string, manager?: EntityManager): Promise<Record<string, unknown> | undefined> {
    const rows = await (manager ?? this.db).query(`SELECT t.content FROM content_translations t WHERE t.version_id = ${LENDER} AND t.language = $2 AND t.kind = 'quiz' AND t.key = $3`, [versionId, lang, quizSlug]);
    return rows[0]?.content;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@themis/database';
import { CaseRef, CourseSource } from '../format/course-source';
import { CourseDraft } from './course-draft.entity';
import { DraftCourse } from './course-files';

export interface VersionRow {
  version: number;
  title: string;
  createdAt: Date;
  current: boolean;
}

/** The queries behind authoring: drafts, and the versions they start from and become. */
@Injectable()
export class CourseDraftRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(slug: string, manager: EntityManager = this.db.manager): Promise<CourseDraft | null> {
    return manager.getRepository(CourseDraft).findOne({ where: { courseSlug: slug } });
  }

  lockForPublish(manager: EntityManager, slug: string): Promise<CourseDraft | null> {
    return manager.getRepository(CourseDraft).createQueryBuilder('d').setLock('pessimistic_write').where('d.course_slug = :slug', { slug }).getOne();
  }

  /** Inserts unless a draft for the slug exists; returns whether this call created it. */
  async create(slug: string, baseVersion: number | null, content: DraftCourse, user: { id: string; fullName: string }): Promise<boolean> {
    const result = await this.db.createQueryBuilder().insert().into(CourseDraft)
      .values({ courseSlug: slug, baseVersion, content, revision: 1, updatedBy: user.id, updatedByName: user.fullName })
      .orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }

  /** Compare-and-set on the revision: null when someone saved first (or the draft is gone). */
  async save(slug: string, expectedRevision: number, content: DraftCourse, user: { id: string; fullName: string }): Promise<CourseDraft | null> {
    const rows = await updateReturning<{ revision: number }>(this.db.manager,
      `UPDATE course_drafts SET content = $1, revision = revision + 1, updated_by = $2, updated_by_name = $3, updated_at = now()
        WHERE course_slug = $4 AND revision = $5 RETURNING revision`,
      [JSON.stringify(content), user.id, user.fullName, slug, expectedRevision]);
    return rows.length === 1 ? this.find(slug) : null;
  }

  /** Deletes the draft (only the draft: versions live in course_versions); with `expectedRevision`, only if it is still that one. */
  async delete(slug: string, manager: EntityManager = this.db.manager, expectedRevision?: number): Promise<boolean> {
    const rows = await updateReturning(manager, `DELETE FROM course_drafts WHERE course_slug = $1 AND ($2::int IS NULL OR revision = $2::int) RETURNING id`, [slug, expectedRevision ?? null]);
    return rows.length === 1;
  }

  async courseExists(slug: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM courses WHERE slug = $1`, [slug]);
    return rows.length > 0;
  }

  /** A version's full source: the current one when `version` is undefined. */
  async versionSource(slug: string, version?: number): Promise<{ version: number; source: CourseSource } | null> {
    const rows = await this.db.query(
      `SELECT v.version, v.source FROM course_versions v JOIN courses c ON c.id = v.course_id
        WHERE c.slug = $1 AND ($2::int IS NULL AND v.id = c.current_version_id OR v.version = $2::int)`,
      [slug, version ?? null]);
    return rows[0] ?? null;
  }

  async listCourses(): Promise<{ slug: string; versions: VersionRow[] }[]> {
    const rows: { slug: string; version: number | null; title: string; created_at: Date; current: boolean }[] = await this.db.query(
      `SELECT c.slug, v.version, v.title, v.created_at, v.id = c.current_version_id AS current
         FROM courses c LEFT JOIN course_versions v ON v.course_id = c.id ORDER BY c.slug, v.version DESC`);
    const out = new Map<string, VersionRow[]>();
    for (const r of rows) {
      if (!out.has(r.slug)) out.set(r.slug, []);
      if (r.version !== null) out.get(r.slug)!.push({ version: r.version, title: r.title, createdAt: r.created_at, current: r.current });
    }
    return [...out].map(([slug, versions]) => ({ slug, versions }));
  }

  listDrafts(): Promise<CourseDraft[]> {
    return this.db.getRepository(CourseDraft).find({ order: { courseSlug: 'ASC' } });
  }

  /** Every judgment any imported version cites, for courses whose bibliography is not in the folder. */
  async storedBibliography(): Promise<CaseRef[]> {
    const rows: { value: CaseRef }[] = await this.db.query(`SELECT DISTINCT ON (e.key) e.value FROM course_versions v, jsonb_each(v.source -> 'bibliography') e ORDER BY e.key, v.created_at DESC`);
    return rows.map((r) => r.value);
  }
}

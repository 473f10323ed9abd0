import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface VersionFacts {
  id: string;
  courseSlug: string;
  version: number;
  title: string;
  cleHours: number;
  cleCategories: Record<string, number>;
  publishedBy: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export interface AccreditationRow {
  id: string;
  organisationId: string;
  courseVersionId: string;
  number: string;
  hours: Record<string, number>;
  validFrom: string;
  validTo: string | null;
}

// One namespace for the version-approval advisory locks (the key's first half): "4EYE".
const LOCK_SPACE = 0x34455945;

/**
 * Queries on accreditations and version approvals. Versions' facts come from catalog's
 * course_versions as a read model (slug, hours, who published), the table stays catalog's.
 */
@Injectable()
export class AccreditationRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /**
   * Completion takes the version's lock shared, approval exclusive: a completion either commits
   * before the approval looks for completed learners, or sees the approval. Advisory, so no row is written.
   */
  async lockVersion(manager: EntityManager, versionId: string, exclusive: boolean): Promise<void> {
    await manager.query(`SELECT ${exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}($1, hashtext($2))`, [LOCK_SPACE, versionId]);
  }

  async isApproved(manager: EntityManager, versionId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM version_approvals WHERE course_version_id = $1`, [versionId]);
    return rows.length > 0;
  }

  async insertApproval(manager: EntityManager, versionId: string, approvedBy: string, note: string | null): Promise<boolean> {
    const rows = await manager.query(`INSERT INTO version_approvals (course_version_id, approved_by, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING course_version_id`, [versionId, approvedBy, note]);
    return rows.length > 0;
  }

  async version(versionId: string, manager: EntityManager | DataSource = this.db): Promise<VersionFacts | null> {
    const rows = await manager.query(`${VERSION_SELECT} WHERE v.id = $1`, [versionId]);
    return rows.length ? toFacts(rows[0]) : null;
  }

  async versionBySlug(slug: string, version: number): Promise<VersionFacts | null> {
    const rows = await this.db.query(`${VERSION_SELECT} WHERE c.slug = $1 AND v.version = $2`, [slug, version]);
    return rows.length ? toFacts(rows[0]) : null;
  }

  /** Versions that grant hours and wait for a second person. */
  async pending(): Promise<VersionFacts[]> {
    const rows = await this.db.query(`${VERSION_SELECT} WHERE a.course_version_id IS NULL AND v.cle_hours > 0 ORDER BY v.created_at, v.id`);
    return rows.map(toFacts);
  }

  async upsertAccreditation(a: Omit<AccreditationRow, 'id'> & { createdBy: string }): Promise<AccreditationRow> {
    const [row] = await this.db.query(
      `INSERT INTO accreditations (organisation_id, course_version_id, number, hours, valid_from, valid_to, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organisation_id, course_version_id) DO UPDATE SET number = EXCLUDED.number, hours = EXCLUDED.hours, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to, created_by = EXCLUDED.created_by
       RETURNING ${ACCREDITATION}`,
      [a.organisationId, a.courseVersionId, a.number, JSON.stringify(a.hours), a.validFrom, a.validTo, a.createdBy],
    );
    return row;
  }

  listFor(organisationId: string): Promise<AccreditationRow[]> {
    return this.db.query(`SELECT ${ACCREDITATION} FROM accreditations WHERE organisation_id = $1 ORDER BY created_at DESC, id`, [organisationId]);
  }

  /** The accreditations of a version valid on a day (in each organisation's time zone). */
  validOn(manager: EntityManager, versionId: string, at: Date): Promise<(AccreditationRow & { organisationName: string })[]> {
    return manager.query(
      `SELECT a.id, a.organisation_id AS "organisationId", a.course_version_id AS "courseVersionId", a.number, a.hours,
         to_char(a.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(a.valid_to, 'YYYY-MM-DD') AS "validTo", o.name AS "organisationName"
       FROM accreditations a JOIN organisations o ON o.id = a.organisation_id
       WHERE a.course_version_id = $1 AND a.valid_from <= ($2::timestamptz AT TIME ZONE o.time_zone)::date
         AND (a.valid_to IS NULL OR a.valid_to >= ($2::timestamptz AT TIME ZONE o.time_zone)::date)
       ORDER BY o.name, o.id`,
      [versionId, at],
    );
  }
}

const ACCREDITATION = `id, organisation_id AS "organisationId", course_version_id AS "courseVersionId", number, hours, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;

const VERSION_SELECT = `SELECT v.id, c.slug AS "courseSlug", v.version, v.title, v.cle_hours AS "cleHours", v.cle_categories AS "cleCategories",
  v.published_by AS "publishedBy", a.approved_by AS "approvedBy", a.approved_at AS "approvedAt"
  FROM course_versions v JOIN courses c ON c.id = v.course_id LEFT JOIN version_approvals a ON a.course_version_id = v.id`;

const toFacts = (r: VersionFacts): VersionFacts => ({ ...r, cleHours: Number(r.cleHours) });

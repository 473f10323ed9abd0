import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, updateReturning } from '@themis/database';
import { CertificateMembership, CertificateRow, normalizeRow } from './certificate.view';

/** Every column but the PDF bytes, named as CertificateRow. */
export const ROW_COLUMNS = `c.id, c.code, c.user_id AS "userId", c.enrollment_id AS "enrollmentId", c.course_version_id AS "courseVersionId",
  c.holder_name AS "holderName", c.profession, c.bar_number AS "barNumber", c.course_slug AS "courseSlug", c.course_title AS "courseTitle",
  c.language AS "courseLanguage", c.course_version AS "courseVersion", c.cle_hours AS "cleHours", c.cle_categories AS "cleCategories", c.completed_at AS "completedAt",
  c.issued_at AS "issuedAt", c.expires_at AS "expiresAt", c.issuer, c.revoked_at AS "revokedAt", c.revocation_reason AS "revocationReason",
  c.superseded_by AS "supersededBy", c.replaces, c.pdf_sha256 AS "pdfSha256", c.memberships, c.accreditations`;

export interface NewCertificate extends Omit<CertificateRow, 'id' | 'courseLanguage' | 'revokedAt' | 'revocationReason' | 'supersededBy' | 'memberships' | 'pdfSha256'> {
  /** Null at insert: the PDF is rendered once the row (and its status list position) exists. */
  pdf: Buffer | null;
  pdfSha256: string | null;
  barNumberKey: string | null;
  memberships: (CertificateMembership & { barNumberKey: string })[];
}

/** The only place with certificate queries. */
@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts unless a live certificate already exists for the learner and version; answers the live code. */
  async insert(manager: EntityManager, c: NewCertificate): Promise<string> {
    const inserted: { id: string; code: string }[] = await manager.query(
      `INSERT INTO certificates (code, user_id, enrollment_id, course_version_id, holder_name, profession, bar_number, course_slug, course_title,
         course_version, cle_hours, cle_categories, completed_at, issued_at, expires_at, issuer, replaces, pdf, pdf_sha256, bar_number_key, memberships, accreditations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT (user_id, course_version_id) WHERE superseded_by IS NULL DO NOTHING
       RETURNING id, code`,
      [c.code, c.userId, c.enrollmentId, c.courseVersionId, c.holderName, c.profession, c.barNumber, c.courseSlug, c.courseTitle, c.courseVersion,
        c.cleHours, JSON.stringify(c.cleCategories), c.completedAt, c.issuedAt, c.expiresAt, c.issuer, c.replaces, c.pdf, c.pdfSha256, c.barNumberKey,
        JSON.stringify(c.memberships.map(({ barNumberKey: _k, ...m }) => m)), JSON.stringify(c.accreditations ?? [])],
    );
    if (inserted.length) {
      await this.recordMembers(manager, inserted[0].id, c);
      return inserted[0].code;
    }
    const [live] = await manager.query(`SELECT code FROM certificates WHERE user_id = $1 AND course_version_id = $2 AND superseded_by IS NULL`, [c.userId, c.courseVersionId]);
    return live.code;
  }

  /** One row per recorded membership: what hour lookups and the compliance console count, with that organisation's accredited hours. */
  private async recordMembers(manager: EntityManager, certificateId: string, c: NewCertificate): Promise<void> {
    if (!c.memberships.length) return;
    const accredited = (orgId: string) => c.accreditations?.find((a) => a.organisationId === orgId)?.hours ?? {};
    await manager.query(
      `INSERT INTO certificate_members (certificate_id, organisation_id, bar_number_key, user_id, completed_at, accredited_hours)
       SELECT $1, * FROM unnest($2::uuid[], $3::varchar[], $4::uuid[], $5::timestamptz[], $6::jsonb[])`,
      [certificateId, c.memberships.map((m) => m.organisationId), c.memberships.map((m) => m.barNumberKey), c.memberships.map(() => c.userId),
        c.memberships.map(() => c.completedAt), c.memberships.map((m) => JSON.stringify(accredited(m.organisationId)))],
    );
  }

  async findByCode(code: string, manager?: EntityManager, lock = false): Promise<CertificateRow | null> {
    const sql = `SELECT ${ROW_COLUMNS} FROM certificates c WHERE c.code = $1${lock ? ' FOR UPDATE' : ''}`;
    // Outside a transaction this is the public lookup, the hottest query there is: prepared once per connection.
    const rows = manager ? await manager.query(sql, [code]) : await preparedQuery(this.db, 'certificate-by-code', sql, [code]);
    return rows.length ? normalizeRow(rows[0]) : null;
  }

  async findBySha256(sha256: string): Promise<CertificateRow | null> {
    const rows = await this.db.query(`SELECT ${ROW_COLUMNS} FROM certificates c WHERE c.pdf_sha256 = $1`, [sha256]);
    return rows.length ? normalizeRow(rows[0]) : null;
  }

  async findManyByCode(codes: string[]): Promise<CertificateRow[]> {
    if (!codes.length) return [];
    // Not DataSource.query: through pg's promise API a batch's 1,000 rows were promoted to old space
    // (3.4 MB per scavenge, then mark-compacts; npm run bench:pg-promotion); through the pool they die young.
    const rows = await preparedQuery(this.db, 'certificates-by-codes', `SELECT ${ROW_COLUMNS} FROM certificates c WHERE c.code = ANY($1::varchar[])`, [codes]);
    return rows.map(normalizeRow);
  }

  async listForUser(userId: string): Promise<CertificateRow[]> {
    const rows = await this.db.query(`SELECT ${ROW_COLUMNS} FROM certificates c WHERE c.user_id = $1 ORDER BY c.issued_at DESC, c.code`, [userId]);
    return rows.map(normalizeRow);
  }

  async list(page: { limit: number; offset: number; query?: string }): Promise<{ total: number; rows: CertificateRow[] }> {
    const q = page.query?.trim() ? `%${page.query.trim().replace(/[\\%_]/g, (m) => '\\' + m)}%` : null;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${ROW_COLUMNS}, count(*) OVER () AS total FROM certificates c
       WHERE $3::text IS NULL OR c.holder_name ILIKE $3 OR c.code ILIKE $3 OR c.bar_number ILIKE $3 OR c.course_title ILIKE $3
       ORDER BY c.issued_at DESC, c.code LIMIT $1 OFFSET $2`,
      [page.limit, page.offset, q],
    );
    return { total: rows.length ? Number(rows[0].total) : 0, rows: rows.map(normalizeRow) };
  }

  /** The PDF for its holder, or for anyone when `anyHolder` (an admin). */
  async pdf(code: string, userId: string, anyHolder: boolean): Promise<Buffer | null> {
    const rows: { pdf: Buffer }[] = await this.db.query(`SELECT pdf FROM certificates WHERE code = $1 AND (user_id = $2 OR $3)`, [code, userId, anyHolder]);
    return rows.length ? rows[0].pdf : null;
  }

  async revoke(manager: EntityManager, id: string, reason: string, by: string | null, supersededBy: string | null = null): Promise<void> {
    await updateReturning(manager, `UPDATE certificates SET revoked_at = now(), revocation_reason = $2, revoked_by = $3, superseded_by = $4 WHERE id = $1 RETURNING id`, [id, reason, by, supersededBy]);
    // The compliance console counts certificate_members alone (migration CertificateMembersRevokedAt): the same instant, in the same transaction.
    await manager.query(`UPDATE certificate_members cm SET revoked_at = c.revoked_at FROM certificates c WHERE c.id = $1 AND cm.certificate_id = c.id`, [id]);
  }

  /**
   * Certificates for a bar number whose hours were earned on the days [from, to] in `timeZone`:
   * those recorded at issue with that number's verified member (of `organisationId`, when given),
   * and, `verified: false`, those issued before memberships existed that printed the number.
   */
  async forBarNumber(q: { barNumberKey: string; organisationId: string | null; from: string | null; to: string | null; timeZone: string }): Promise<(CertificateRow & { verified: boolean })[]> {
    const period = `($3::date IS NULL OR (c.completed_at AT TIME ZONE $5)::date >= $3) AND ($4::date IS NULL OR (c.completed_at AT TIME ZONE $5)::date <= $4)`;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${ROW_COLUMNS}, true AS verified FROM certificate_members cm JOIN certificates c ON c.id = cm.certificate_id
       WHERE cm.bar_number_key = $1 AND ($2::uuid IS NULL OR cm.organisation_id = $2) AND c.superseded_by IS NULL AND ${period}
       UNION ALL
       SELECT ${ROW_COLUMNS}, false AS verified FROM certificates c
       WHERE c.bar_number_key = $1 AND c.memberships IS NULL AND c.superseded_by IS NULL AND ${period}
       ORDER BY "completedAt", code`,
      [q.barNumberKey, q.organisationId, q.from, q.to, q.timeZone],
    );
    // One certificate recorded for two organisations' members under one number is one certificate.
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(String(r.code)) && seen.add(String(r.code))).map((r) => ({ ...normalizeRow(r), verified: r.verified === true }));
  }

  /** The name on the latest certificate recorded with this number's verified member, whatever its date. */
  async recordedHolderName(barNumberKey: string, organisationId: string | null): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT c.holder_name AS "holderName" FROM certificate_members cm JOIN certificates c ON c.id = cm.certificate_id
       WHERE cm.bar_number_key = $1 AND ($2::uuid IS NULL OR cm.organisation_id = $2) ORDER BY c.issued_at DESC LIMIT 1`,
      [barNumberKey, organisationId],
    );
    return row?.holderName ?? null;
  }

  /** Profile and course facts to snapshot into a new certificate. */
  async issueFacts(manager: EntityManager, userId: string, versionId: string): Promise<IssueFacts> {
    const [row] = await manager.query(
      `SELECT u.full_name AS "holderName", u.profession, u.bar_number AS "barNumber", c.slug AS "courseSlug", v.title AS "courseTitle",
         v.version AS "courseVersion", v.cle_hours AS "cleHours", v.cle_categories AS "cleCategories", v.validity_months AS "validityMonths"
       FROM users u, course_versions v JOIN courses c ON c.id = v.course_id WHERE u.id = $1 AND v.id = $2`,
      [userId, versionId],
    );
    return { ...row, cleHours: Number(row.cleHours) };
  }

  async holderProfile(manager: EntityManager, userId: string): Promise<{ holderName: string; profession: string; barNumber: string | null }> {
    const [row] = await manager.query(`SELECT full_name AS "holderName", profession, bar_number AS "barNumber" FROM users WHERE id = $1`, [userId]);
    return row;
  }
}

export type IssueFacts = Pick<CertificateRow, 'holderName' | 'profession' | 'barNumber' | 'courseSlug' | 'courseTitle' | 'courseVersion' | 'cleHours' | 'cleCategories'> & {
  validityMonths: number | null;
};

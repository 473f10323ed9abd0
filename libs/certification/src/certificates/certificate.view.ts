import { CertificateStatus, certificateStatus } from '../verification/certificate-status';

/** A verified membership of the holder, as recorded on the certificate when it was issued. */
export interface CertificateMembership {
  organisationId: string;
  organisationName: string;
  barNumber: string;
}

/** An accreditation of the course version valid when the certificate was issued. */
export interface CertificateAccreditation {
  organisationId: string;
  organisationName?: string;
  number: string;
  hours: Record<string, number>;
}

/** A certificate row as the queries return it (no PDF bytes). */
export interface CertificateRow {
  id: string;
  code: string;
  userId: string;
  enrollmentId: string;
  courseVersionId: string;
  holderName: string;
  profession: string;
  barNumber: string | null;
  courseSlug: string;
  courseTitle: string;
  /** The language the course was taken in: the certified title is in it. */
  courseLanguage: string;
  courseVersion: number;
  cleHours: number;
  cleCategories: Record<string, number>;
  completedAt: Date;
  issuedAt: Date;
  expiresAt: Date | null;
  issuer: string;
  revokedAt: Date | null;
  revocationReason: string | null;
  supersededBy: string | null;
  replaces: string | null;
  /** Null while the PDF waits for its timestamp. */
  pdfSha256: string | null;
  /** Null on certificates issued before memberships existed. */
  memberships: CertificateMembership[] | null;
  accreditations: CertificateAccreditation[] | null;
}

/** What a verifier sees: the certified facts themselves, to compare with the paper. */
export interface VerificationResponse {
  code: string;
  status: CertificateStatus;
  holderName: string;
  profession: string;
  courseSlug: string;
  courseTitle: string;
  /** The language of `courseTitle` (the language the course was taken in). */
  courseLanguage: string;
  courseVersion: number;
  cleHours: number;
  cleCategories: Record<string, number>;
  completedAt: string;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  supersededBy: string | null;
  replaces: string | null;
  issuer: string;
  memberships: CertificateMembership[];
  accreditations: { organisationId: string; organisationName?: string; number: string; hours: Record<string, number> }[];
}

export interface NotFoundResponse {
  status: 'not_found';
}

export interface MyCertificateResponse {
  code: string;
  courseSlug: string;
  courseTitle: string;
  courseLanguage: string;
  cleHours: number;
  cleCategories: Record<string, number>;
  issuedAt: string;
  expiresAt: string | null;
  status: CertificateStatus;
  revokedAt: string | null;
  revocationReason: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Raw rows carry strings for numeric columns and may carry dates as strings. */
export function normalizeRow(r: Record<string, unknown>): CertificateRow {
  const row = r as unknown as CertificateRow;
  return {
    ...row,
    cleHours: Number(row.cleHours),
    completedAt: new Date(row.completedAt),
    issuedAt: new Date(row.issuedAt),
    expiresAt: row.expiresAt ? new Date(row.expiresAt) : null,
    revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
  };
}

export function toVerification(c: CertificateRow, now = new Date()): VerificationResponse {
  return {
    code: c.code,
    status: certificateStatus(c, now),
    holderName: c.holderName,
    profession: c.profession,
    courseSlug: c.courseSlug,
    courseTitle: c.courseTitle,
    courseLanguage: c.courseLanguage,
    courseVersion: c.courseVersion,
    cleHours: c.cleHours,
    cleCategories: c.cleCategories,
    completedAt: iso(c.completedAt)!,
    issuedAt: iso(c.issuedAt)!,
    expiresAt: iso(c.expiresAt),
    revokedAt: iso(c.revokedAt),
    revocationReason: c.revocationReason,
    supersededBy: c.supersededBy,
    replaces: c.replaces,
    issuer: c.issuer,
    memberships: (c.memberships ?? []).map((m) => ({ organisationId: m.organisationId, organisationName: m.organisationName, barNumber: m.barNumber })),
    // organisationName is recorded at issue (additive to the contract's fields; the page shows it).
    accreditations: (c.accreditations ?? []).map((a) => ({ organisationId: a.organisationId, ...(a.organisationName ? { organisationName: a.organisationName } : {}), number: a.number, hours: a.hours })),
  };
}

export function toMyCertificate(c: CertificateRow, now = new Date()): MyCertificateResponse {
  return {
    code: c.code,
    courseSlug: c.courseSlug,
    courseTitle: c.courseTitle,
    courseLanguage: c.courseLanguage,
    cleHours: c.cleHours,
    cleCategories: c.cleCategories,
    issuedAt: iso(c.issuedAt)!,
    expiresAt: iso(c.expiresAt),
    status: certificateStatus(c, now),
    revokedAt: iso(c.revokedAt),
    revocationReason: c.revocationReason,
  };
}

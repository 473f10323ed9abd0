import * as crypto from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, BAR_NUMBER_MESSAGE, DomainError, ErrorCode, isBarNumber } from '@themis/core';
import { CODE_MARKER, normalizeCertificateCode } from '../codes/certificate-code';
import { CertificateRepository } from '../certificates/certificate.repository';
import { CertificateDocumentsRepository } from '../certificates/certificate-documents.repository';
import { CertificateRow, NotFoundResponse, toVerification, VerificationResponse } from '../certificates/certificate.view';
import { CertificateStatus, certificateStatus } from './certificate-status';
import { PublicRateLimit } from './public-rate-limit';
import { MembershipsService, normaliseBarNumber, OrganisationsService } from '@themis/organisations';

export type DocumentStatus = CertificateStatus | 'tampered' | 'unknown';

export interface DocumentVerificationResponse {
  status: DocumentStatus;
  code: string | null;
}

export type BatchResult = VerificationResponse | { code: string; status: 'not_found' };

export interface HolderHoursResponse {
  barNumber: string;
  holderName: string;
  from: string | null;
  to: string | null;
  /** Hours of the certificates recorded with this number's verified member, not revoked (valid or since expired), earned in the period. */
  totalHours: number;
  cleCategories: Record<string, number>;
  /** `verified: false`: issued before memberships existed; listed, never counted. */
  certificates: (VerificationResponse & { verified: boolean })[];
  /** The organisation whose members were read (an organisation's key), and whose time zone bounds the days. */
  organisationId: string | null;
  timeZone: string;
}

const NOT_FOUND: NotFoundResponse = { status: 'not_found' };
const MARKER = new RegExp(`${CODE_MARKER}([0-9A-Za-z-]{16,24})`);

/**
 * Answers "is this certificate genuine?" for the public, for verifiers and for documents.
 * A public lookup passes `client` (e.g. `ip:1.2.3.4`): the call is counted against the
 * per-minute limit shared through PostgreSQL (PublicRateLimit) before anything is read.
 */
@Injectable()
export class VerificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly certificates: CertificateRepository,
    private readonly rateLimit: PublicRateLimit,
    private readonly members: MembershipsService,
    private readonly organisations: OrganisationsService,
    private readonly documents: CertificateDocumentsRepository,
  ) {}

  async byCode(code: string, client?: string): Promise<VerificationResponse | NotFoundResponse> {
    const canonical = normalizeCertificateCode(code);
    if (!canonical) return NOT_FOUND;
    if (client) await this.admit(client);
    const row = await this.certificates.findByCode(canonical);
    return row ? toVerification(row) : NOT_FOUND;
  }

  /** valid / revoked / expired for an issued PDF byte for byte; tampered when it names a code but its bytes match nothing issued. */
  async byDocument(pdf: Buffer, client?: string): Promise<DocumentVerificationResponse> {
    if (!Buffer.isBuffer(pdf) || pdf.length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'body must be the PDF file, sent as Content-Type: application/pdf');
    const hash = crypto.createHash('sha256').update(pdf).digest('hex');
    if (client) await this.admit(client);
    const row = (await this.certificates.findBySha256(hash)) ?? (await this.documents.findBySha256(hash));
    if (row) return { status: certificateStatus(row), code: row.code };
    const claimed = normalizeCertificateCode(pdf.toString('latin1').match(MARKER)?.[1]);
    return claimed ? { status: 'tampered', code: claimed } : { status: 'unknown', code: null };
  }

  /** Up to 1,000 codes in one query; answers in the order asked, each code as it was sent. */
  async batch(codes: string[]): Promise<{ results: BatchResult[] }> {
    const canonical = codes.map((c) => normalizeCertificateCode(c));
    const rows = await this.certificates.findManyByCode([...new Set(canonical.filter((c): c is string => c !== null))]);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const now = new Date();
    return {
      results: codes.map((asked, i) => {
        const row = canonical[i] ? byCode.get(canonical[i]!) : undefined;
        return row ? toVerification(row, now) : { code: asked, status: 'not_found' as const };
      }),
    };
  }

  /** A lawyer's certificates and CLE hours (total and per category) earned in [from, to]. */
  async holderHours(barNumber: string, from?: string, to?: string, organisationId: string | null = null): Promise<HolderHoursResponse> {
    // The same form registration accepts; anything else (a NUL byte, 10 kB of text) names no holder.
    if (!isBarNumber(barNumber)) throw new DomainError(ErrorCode.ValidationFailed, BAR_NUMBER_MESSAGE, { field: 'barNumber' });
    if (from) startOfDay(from, 'from');
    if (to) startOfDay(to, 'to');
    if (from && to && from > to) throw new DomainError(ErrorCode.ValidationFailed, 'from must not be after to');
    const key = normaliseBarNumber(barNumber);
    const timeZone = organisationId ? (await this.organisations.get(organisationId)).timeZone : 'UTC';
    const rows = key ? await this.certificates.forBarNumber({ barNumberKey: key, organisationId, from: from ?? null, to: to ?? null, timeZone }) : [];
    const member = key ? await this.members.verifiedMember(key, organisationId) : null;
    const holderName = member?.fullName ?? rows.filter((r) => r.verified).at(-1)?.holderName ?? (key ? await this.certificates.recordedHolderName(key, organisationId) : null) ?? rows.at(-1)?.holderName ?? null;
    if (holderName === null) throw new DomainError(ErrorCode.NotFound, 'No holder with this bar number', { status: 'not_found' });
    const now = new Date();
    const certificates = rows.map((r) => ({ ...toVerification(r, now), verified: r.verified }));
    // Only what was recorded at issue with the verified member counts: a number typed in a profile adds nothing.
    const counted = rows.filter((r) => r.verified && certificateStatus(r, now) !== 'revoked');
    const cleCategories: Record<string, number> = {};
    for (const r of counted) for (const [k, v] of Object.entries(r.cleCategories)) cleCategories[k] = round2((cleCategories[k] ?? 0) + Number(v));
    return {
      barNumber,
      holderName,
      from: from ?? null,
      to: to ?? null,
      totalHours: round2(counted.reduce((sum, r) => sum + r.cleHours, 0)),
      cleCategories,
      certificates,
      organisationId,
      timeZone,
    };
  }

  private async admit(client: string): Promise<void> {
    if (!(await this.rateLimit.admit(client))) {
      throw new DomainError(ErrorCode.TooManyAttempts, 'Too many verification requests from this address; try again in a minute');
    }
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function startOfDay(value: string, field: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(NaN);
  // Date() rolls 2026-02-31 over into March: only a day that reads back the same exists.
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a date as YYYY-MM-DD`);
  return d;
}

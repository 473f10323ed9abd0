import * as crypto from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { AccreditationService, VersionApprovals } from '@themis/accreditation';
import { CompletedEnrollment } from '@themis/learning';
import { MembershipsService, normaliseBarNumber, RecordedMembership } from '@themis/organisations';
import { CertificateAccreditation, CertificateRow } from '../certificates/certificate.view';
import { generateCertificateCode } from '../codes/certificate-code';
import { CertificateRepository, IssueFacts } from '../certificates/certificate.repository';
import { CertificateDocumentsRepository } from '../certificates/certificate-documents.repository';
import { CertificateLanguages } from './certificate-languages';
import { renderCertificatePdf } from '../pdf/certificate-pdf.renderer';
import { AuditLog } from '../audit/audit-log';
import { ISSUER_NAME } from '../signing/signing-keys';
import { SigningKeys } from '../signing/signing-keys.service';
import { addMonths } from '../verification/certificate-status';
import { CertificateNotifier } from '../notifications/certificate-notifier';
import { verifyUrl } from '../codes/verify-url';
import { CredentialSigner } from '../credentials/credential-signer.service';
import { CredentialStatusRepository } from '../credentials/credential-status.repository';
import { TimestampPolicy, TimestampUnavailableError } from '../signing/timestamp-authority';

export interface IssueInput extends IssueFacts {
  /** The language the course was taken in (courseTitle is in it) and the language to render the PDF in. */
  language?: string;
  pdfLanguage?: string;
  userId: string;
  enrollmentId: string;
  courseVersionId: string;
  completedAt: Date;
  issuedAt: Date;
  expiresAt: Date | null;
  replaces: string | null;
  /** As recorded on a certificate this one replaces; otherwise read as they are at issue. */
  memberships?: RecordedMembership[];
  accreditations?: CertificateAccreditation[];
}

/**
 * Issues certificates: snapshot the facts, render and sign the PDF once, store its bytes
 * and hash. Always inside the caller's transaction, with the caller's manager.
 */
@Injectable()
export class CertificateIssuer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SigningKeys,
    private readonly certificates: CertificateRepository,
    private readonly audit: AuditLog,
    private readonly notifier: CertificateNotifier,
    private readonly approvals: VersionApprovals,
    private readonly members: MembershipsService,
    private readonly accreditation: AccreditationService,
    private readonly documents: CertificateDocumentsRepository,
    private readonly languages: CertificateLanguages,
    private readonly credentials: CredentialSigner,
    private readonly status: CredentialStatusRepository,
  ) {}

  private readonly logger = new Logger(CertificateIssuer.name);

  /** The completion hook: runs in the transaction that completes the course, enrolment row locked. */
  async onCourseCompleted(manager: EntityManager, e: CompletedEnrollment, issuedAt = e.completedAt): Promise<string | null> {
    const facts = await this.certificates.issueFacts(manager, e.userId, e.versionId);
    // Four eyes: no certificate for hours nobody but their author approved; issued at approval instead.
    if (!(await this.approvals.approvedForIssue(manager, e.versionId, facts.cleHours))) return null;
    const languages = await this.languages.atCompletion(manager, e);
    const code = await this.issue(manager, {
      ...facts,
      ...languages,
      userId: e.userId,
      enrollmentId: e.enrollmentId,
      courseVersionId: e.versionId,
      completedAt: e.completedAt,
      issuedAt,
      expiresAt: facts.validityMonths ? addMonths(issuedAt, facts.validityMonths) : null,
      replaces: null,
    });
    // In the completing transaction: the entry exists exactly when the certificate does.
    await this.audit.record(manager, { actor: `user:${e.userId}`, action: 'certificate.issue', subject: code, details: { courseVersionId: e.versionId, enrollmentId: e.enrollmentId } });
    return code;
  }

  async issue(manager: EntityManager, input: IssueInput, code = generateCertificateCode()): Promise<string> {
    const issuedAt = new Date(Math.floor(input.issuedAt.getTime() / 1000) * 1000);
    // A re-issue keeps the languages of the certificate it replaces.
    const replaced = !input.language && input.replaces ? await this.documents.languagesOf(manager, input.replaces) : null;
    if (replaced) input = { ...input, language: replaced.language, pdfLanguage: replaced.pdfLanguage };
    // What the certificate records of the holder's standing, read in the issuing transaction.
    const memberships = input.memberships ?? (await this.members.verifiedOf(manager, input.userId));
    const accreditations = input.accreditations ?? (await this.accreditation.validOn(manager, input.courseVersionId, issuedAt));
    const recorded = { ...input, issuedAt, memberships, accreditations };
    const pdfLanguage = input.pdfLanguage ?? 'en';
    const barNumberKey = input.barNumber ? normaliseBarNumber(input.barNumber) : null;
    const withKeys = memberships.map((m) => ({ ...m, barNumberKey: m.barNumberKey ?? normaliseBarNumber(m.barNumber) ?? m.barNumber }));
    // A clash of 75-bit random codes is not worth a retry path: the unique index would refuse it.
    // Inserted first, so the PDF can carry the credential with its status list position; a racing loser renders nothing.
    const live = await this.certificates.insert(manager, { ...recorded, memberships: withKeys, barNumberKey, code, issuer: ISSUER_NAME, pdf: null, pdfSha256: null });
    if (live === code) {
      await this.documents.setLanguages(manager, code, input.language ?? 'en', pdfLanguage);
      const row = (await this.certificates.findByCode(code, manager))!;
      const pdf = await this.renderSignedOrWait(row, pdfLanguage, ISSUE_TIMESTAMP_POLICY, manager);
      if (pdf) await this.documents.storeIssued(manager, row.id, pdf, sha256(pdf));
    }
    await this.notifier.issued(manager, live);
    return live;
  }

  verifyUrl(code: string): string {
    return verifyUrl(this.config.publicUrl, code);
  }

  /**
   * The signed PDF of a certificate's record in `lang`, with its credential attached; null when the
   * timestamping authority gave no token (TSA_URL set): the PDF then waits, never signed without one.
   */
  async renderSignedOrWait(row: CertificateRow, lang: string, policy: TimestampPolicy, manager?: EntityManager): Promise<Buffer | null> {
    try {
      return await this.renderSigned(row, lang, policy, manager);
    } catch (e) {
      if (!(e instanceof TimestampUnavailableError)) throw e;
      this.logger.warn(`Certificate ${row.code} (${lang}): PDF not signed yet, ${e.message}; it is rendered on its next download`);
      return null;
    }
  }

  private async renderSigned(row: CertificateRow, lang: string, policy: TimestampPolicy, manager?: EntityManager): Promise<Buffer> {
    const statusIndex = (await this.status.sequenceNumber(row.code, manager))!;
    const credential = await this.credentials.signedOpenBadge(row, statusIndex);
    const unsigned = await renderCertificatePdf(
      {
        code: row.code,
        holderName: row.holderName,
        profession: row.profession,
        barNumber: row.barNumber,
        courseTitle: row.courseTitle,
        courseVersion: row.courseVersion,
        cleHours: row.cleHours,
        cleCategories: row.cleCategories,
        completedAt: row.completedAt,
        issuedAt: row.issuedAt,
        expiresAt: row.expiresAt,
        issuer: ISSUER_NAME,
        verifyUrl: this.verifyUrl(row.code),
        replaces: row.replaces,
        memberships: row.memberships ?? [],
        accreditations: row.accreditations ?? [],
      },
      lang,
      { json: JSON.stringify(credential, null, 2) },
    );
    return this.keys.pdfSigner.sign(unsigned, { reason: `Themis CLE certificate ${row.code}`, signingTime: row.issuedAt, timestampPolicy: policy });
  }
}

/**
 * Timestamping at issue runs inside the completing transaction: one short try, so a slow authority
 * never holds the enrolment lock for long; a download tries harder (DOWNLOAD_TIMESTAMP_POLICY).
 */
const ISSUE_TIMESTAMP_POLICY: TimestampPolicy = { attempts: 1, timeoutMs: 5_000 };
export const DOWNLOAD_TIMESTAMP_POLICY: TimestampPolicy = { attempts: 2, timeoutMs: 8_000 };

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

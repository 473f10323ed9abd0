import * as crypto from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { AccreditationService, VersionApprovals } from '@themis/accreditation';
import { CompletedEnrollment } from '@themis/learning';
import { MembershipsService, normaliseBarNumber, RecordedMembership } from '@themis/organisations';
import { CertificateAccreditation } from '../certificates/certificate.view';
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
  ) {}

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
    const pdf = await this.renderSigned({ ...recorded, code }, pdfLanguage);
    const barNumberKey = input.barNumber ? normaliseBarNumber(input.barNumber) : null;
    const withKeys = memberships.map((m) => ({ ...m, barNumberKey: m.barNumberKey ?? normaliseBarNumber(m.barNumber) ?? m.barNumber }));
    // A clash of 75-bit random codes is not worth a retry path: the unique index would refuse it.
    const live = await this.certificates.insert(manager, { ...recorded, memberships: withKeys, barNumberKey, code, issuer: ISSUER_NAME, pdf, pdfSha256: sha256(pdf) });
    if (live === code) await this.documents.setLanguages(manager, code, input.language ?? 'en', pdfLanguage);
    await this.notifier.issued(manager, live);
    return live;
  }

  verifyUrl(code: string): string {
    return verifyUrl(this.config.publicUrl, code);
  }

  /** The signed PDF of a certificate's facts in `lang`; equal facts and language give a PDF to the same words and signing time. */
  async renderSigned(
    input: Omit<IssueInput, 'userId' | 'enrollmentId' | 'courseVersionId' | 'validityMonths' | 'courseSlug'> & { code: string; memberships: RecordedMembership[]; accreditations: CertificateAccreditation[] },
    lang: string,
  ): Promise<Buffer> {
    const code = input.code;
    const unsigned = await renderCertificatePdf({
      code,
      holderName: input.holderName,
      profession: input.profession,
      barNumber: input.barNumber,
      courseTitle: input.courseTitle,
      courseVersion: input.courseVersion,
      cleHours: input.cleHours,
      cleCategories: input.cleCategories,
      completedAt: input.completedAt,
      issuedAt: input.issuedAt,
      expiresAt: input.expiresAt,
      issuer: ISSUER_NAME,
      verifyUrl: this.verifyUrl(code),
      replaces: input.replaces,
      memberships: input.memberships,
      accreditations: input.accreditations,
    }, lang);
    return this.keys.pdfSigner.sign(unsigned, { reason: `Themis CLE certificate ${code}`, signingTime: input.issuedAt });
  }
}

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

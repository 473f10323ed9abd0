import * as crypto from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { CompletedEnrollment } from '@themis/learning';
import { generateCertificateCode } from '../codes/certificate-code';
import { CertificateRepository, IssueFacts } from '../certificates/certificate.repository';
import { renderCertificatePdf } from '../pdf/certificate-pdf.renderer';
import { AuditLog } from '../audit/audit-log';
import { ISSUER_NAME } from '../signing/signing-keys';
import { SigningKeys } from '../signing/signing-keys.service';
import { addMonths } from '../verification/certificate-status';
import { CertificateNotifier } from '../notifications/certificate-notifier';

export interface IssueInput extends IssueFacts {
  userId: string;
  enrollmentId: string;
  courseVersionId: string;
  completedAt: Date;
  issuedAt: Date;
  expiresAt: Date | null;
  replaces: string | null;
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
  ) {}

  /** The completion hook: runs in the transaction that completes the course, enrolment row locked. */
  async onCourseCompleted(manager: EntityManager, e: CompletedEnrollment): Promise<string> {
    const facts = await this.certificates.issueFacts(manager, e.userId, e.versionId);
    const code = await this.issue(manager, {
      ...facts,
      userId: e.userId,
      enrollmentId: e.enrollmentId,
      courseVersionId: e.versionId,
      completedAt: e.completedAt,
      issuedAt: e.completedAt,
      expiresAt: facts.validityMonths ? addMonths(e.completedAt, facts.validityMonths) : null,
      replaces: null,
    });
    // In the completing transaction: the entry exists exactly when the certificate does.
    await this.audit.record(manager, { actor: `user:${e.userId}`, action: 'certificate.issue', subject: code, details: { courseVersionId: e.versionId, enrollmentId: e.enrollmentId } });
    return code;
  }

  async issue(manager: EntityManager, input: IssueInput, code = generateCertificateCode()): Promise<string> {
    const issuedAt = new Date(Math.floor(input.issuedAt.getTime() / 1000) * 1000);
    const pdf = await this.render({ ...input, issuedAt }, code);
    // A clash of 75-bit random codes is not worth a retry path: the unique index would refuse it.
    const live = await this.certificates.insert(manager, { ...input, code, issuedAt, issuer: ISSUER_NAME, pdf, pdfSha256: sha256(pdf) });
    await this.notifier.issued(manager, live);
    return live;
  }

  verifyUrl(code: string): string {
    return `${this.config.publicUrl}/verify/${code}`;
  }

  private async render(input: IssueInput, code: string): Promise<Buffer> {
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
    });
    return this.keys.pdfSigner.sign(unsigned, { reason: `Themis CLE certificate ${code}`, signingTime: input.issuedAt });
  }
}

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

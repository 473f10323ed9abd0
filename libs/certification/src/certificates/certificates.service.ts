import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { inTransaction } from '@themis/database';
import { Permission, PermissionService } from '@themis/identity';
import { ProgressService } from '@themis/learning';
import { AuditLog } from '../audit/audit-log';
import { generateCertificateCode, normalizeCertificateCode } from '../codes/certificate-code';
import { CertificateIssuer } from '../issuing/certificate-issuer';
import { CertificateRepository } from './certificate.repository';
import { CertificateNotifier } from '../notifications/certificate-notifier';
import { MyCertificateResponse, toMyCertificate, toVerification, VerificationResponse } from './certificate.view';

export interface Requester {
  id: string;
  role: string;
}

@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly certificates: CertificateRepository,
    private readonly issuer: CertificateIssuer,
    private readonly permissions: PermissionService,
    private readonly progress: ProgressService,
    private readonly audit: AuditLog,
    private readonly notifier: CertificateNotifier,
  ) {}

  async listForUser(userId: string): Promise<MyCertificateResponse[]> {
    const now = new Date();
    return (await this.certificates.listForUser(userId)).map((c) => toMyCertificate(c, now));
  }

  /** The stored, signed bytes; someone else's certificate is "not found", as is an unknown one. */
  async pdf(requester: Requester, code: string): Promise<Buffer> {
    const canonical = normalizeCertificateCode(code);
    const pdf = canonical && (await this.certificates.pdf(canonical, requester.id, this.permissions.has(requester.role, Permission.ReadAnyCertificate)));
    if (!pdf) throw notFound('Certificate');
    return pdf;
  }

  async revoke(code: string, reason: string, adminId: string): Promise<VerificationResponse> {
    const canonical = normalizeCertificateCode(code);
    if (!canonical) throw notFound('Certificate');
    return inTransaction(this.db, async (manager) => {
      const current = await this.certificates.findByCode(canonical, manager, true);
      if (!current) throw notFound('Certificate');
      if (current.revokedAt) throw new DomainError(ErrorCode.Conflict, 'This certificate is already revoked', { revokedAt: current.revokedAt.toISOString() });
      await this.certificates.revoke(manager, current.id, reason, adminId);
      await this.audit.record(manager, { actor: `user:${adminId}`, action: 'certificate.revoke', subject: canonical, details: { reason } });
      await this.notifier.revoked(manager, canonical, reason);
      return toVerification((await this.certificates.findByCode(canonical, manager))!);
    });
  }

  /** A new code and PDF with the holder's current name; the old certificate reads revoked, superseded by the new one. */
  async reissue(code: string, adminId: string): Promise<VerificationResponse> {
    const canonical = normalizeCertificateCode(code);
    if (!canonical) throw notFound('Certificate');
    return inTransaction(this.db, async (manager) => {
      const old = await this.certificates.findByCode(canonical, manager, true);
      if (!old) throw notFound('Certificate');
      if (old.revokedAt) throw new DomainError(ErrorCode.Conflict, 'A revoked certificate cannot be re-issued', { revokedAt: old.revokedAt.toISOString(), supersededBy: old.supersededBy });
      const holder = await this.certificates.holderProfile(manager, old.userId);
      const newCode = generateCertificateCode();
      // Supersede first: the partial unique index admits one live certificate per learner and version.
      await this.certificates.revoke(manager, old.id, `Superseded by ${newCode} (re-issued after a correction of the holder's details)`, adminId, newCode);
      await this.issuer.issue(
        manager,
        {
          ...holder,
          userId: old.userId,
          enrollmentId: old.enrollmentId,
          courseVersionId: old.courseVersionId,
          courseSlug: old.courseSlug,
          courseTitle: old.courseTitle,
          courseVersion: old.courseVersion,
          cleHours: old.cleHours,
          cleCategories: old.cleCategories,
          validityMonths: null,
          completedAt: old.completedAt,
          issuedAt: new Date(),
          expiresAt: old.expiresAt,
          replaces: old.code,
        },
        newCode,
      );
      await this.progress.setCertificateCode(manager, old.enrollmentId, newCode);
      await this.audit.record(manager, { actor: `user:${adminId}`, action: 'certificate.reissue', subject: canonical, details: { newCode, holderName: holder.holderName } });
      return toVerification((await this.certificates.findByCode(newCode, manager))!);
    });
  }

  async list(page: { limit: number; offset: number; query?: string }): Promise<{ total: number; certificates: VerificationResponse[] }> {
    const { total, rows } = await this.certificates.list(page);
    const now = new Date();
    return { total, certificates: rows.map((r) => toVerification(r, now)) };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { VersionApprovals } from '@themis/accreditation';
import { inTransaction } from '@themis/database';
import { EnrollmentRepository, ProgressService } from '@themis/learning';
import { CertificateIssuer } from '../issuing/certificate-issuer';

export interface ApprovalResponse {
  courseVersionId: string;
  courseSlug: string;
  version: number;
  approved: boolean;
  /** Certificates issued at this approval to learners who completed the version before it. */
  certificatesIssued: number;
}

/**
 * The second person approves a version; in the same transaction, under the version's exclusive
 * lock, every learner who completed it meanwhile gets the certificate, dated now, exactly once
 * (the lock, `certificate_code IS NULL` on the locked enrolment and the live-certificate index).
 */
@Injectable()
export class ApprovalIssuer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly approvals: VersionApprovals,
    private readonly enrollments: EnrollmentRepository,
    private readonly progress: ProgressService,
    private readonly issuer: CertificateIssuer,
  ) {}

  approve(userId: string, versionId: string): Promise<ApprovalResponse> {
    return inTransaction(this.db, async (manager) => {
      const { approved, version } = await this.approvals.approve(manager, userId, versionId);
      const issued = approved ? await this.issueWaiting(manager, versionId) : 0;
      return { courseVersionId: version.id, courseSlug: version.courseSlug, version: version.version, approved: approved || !!version.approvedBy, certificatesIssued: issued };
    });
  }

  /** Start-up: the files in courses/ are approved by the operator who deployed them (and learners waiting on them get their certificates). */
  async approveDeployed(versions: { slug: string; version: number }[]): Promise<void> {
    for (const v of versions) {
      const versionId = await this.approvals.versionId(v.slug, v.version);
      await inTransaction(this.db, async (manager) => {
        if (await this.approvals.approveDeployed(manager, versionId)) await this.issueWaiting(manager, versionId);
      });
    }
  }

  private async issueWaiting(manager: EntityManager, versionId: string): Promise<number> {
    const at = new Date();
    let issued = 0;
    for (const e of await this.enrollments.completedWithoutCertificate(manager, versionId)) {
      const code = await this.issuer.onCourseCompleted(manager, { ...e, completedAt: new Date(e.completedAt) }, at);
      if (code) {
        await this.progress.setCertificateCode(manager, e.enrollmentId, code);
        issued++;
      }
    }
    return issued;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { UsersService } from '@themis/identity';
import { AuditTrail, OrganisationsService } from '@themis/organisations';
import { AccreditationRepository, VersionFacts } from '../accreditation.repository';

export interface PendingVersionResponse {
  id: string;
  courseSlug: string;
  version: number;
  title: string;
  cleHours: number;
  publishedBy: string | null;
}

/**
 * Four eyes on CLE hours: a version that grants hours earns no certificate until a second
 * person approves it, an admin who did not publish it or an accreditor of an organisation.
 * Files deployed in courses/ are approved by the operator who deployed them.
 */
@Injectable()
export class VersionApprovals {
  constructor(
    private readonly repo: AccreditationRepository,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditTrail,
  ) {}

  /** In the completing transaction: may a certificate be issued for this version now? */
  async approvedForIssue(manager: EntityManager, versionId: string, cleHours: number): Promise<boolean> {
    if (cleHours <= 0) return true;
    await this.repo.lockVersion(manager, versionId, false);
    return this.repo.isApproved(manager, versionId);
  }

  /**
   * Records the approval under the version's exclusive lock; `true` when this call approved it
   * (the caller then issues the certificates earned meanwhile, in the same transaction).
   */
  async approve(manager: EntityManager, userId: string, versionId: string): Promise<{ approved: boolean; version: VersionFacts }> {
    await this.repo.lockVersion(manager, versionId, true);
    const version = await this.repo.version(versionId, manager);
    if (!version) throw notFound('Course version');
    if (version.publishedBy === userId) throw new DomainError(ErrorCode.Forbidden, 'The author of a version cannot approve it: a second person must');
    await this.requireApprover(userId);
    if (version.approvedBy) return { approved: false, version };
    const approved = await this.repo.insertApproval(manager, versionId, `user:${userId}`, null);
    if (approved) await this.audit.record(manager, { actor: `user:${userId}`, action: 'version.approve', subject: versionId, details: { courseSlug: version.courseSlug, version: version.version, cleHours: version.cleHours, publishedBy: version.publishedBy } });
    return { approved, version };
  }

  /** Start-up: the versions the files in courses/ hold are approved by the operator who deployed them. */
  async approveDeployed(manager: EntityManager, versionId: string): Promise<boolean> {
    await this.repo.lockVersion(manager, versionId, true);
    const approved = await this.repo.insertApproval(manager, versionId, 'operator', 'deployed as files in courses/');
    if (approved) await this.audit.record(manager, { actor: 'system', action: 'version.approve', subject: versionId, details: { approvedBy: 'operator' } });
    return approved;
  }

  private async requireApprover(userId: string): Promise<void> {
    const role = await this.users.currentRole(userId);
    const accreditor = (await this.organisations.grantsOf(userId)).some((g) => g.grant === 'accreditor');
    if (role !== 'admin' && !accreditor) throw new DomainError(ErrorCode.Forbidden, 'Only an admin or an organisation’s accreditor may approve a version');
  }

  /** What waits for a second person; only those who may approve see it. */
  async pending(userId: string): Promise<PendingVersionResponse[]> {
    await this.requireApprover(userId);
    return (await this.repo.pending()).map((v) => ({ id: v.id, courseSlug: v.courseSlug, version: v.version, title: v.title, cleHours: v.cleHours, publishedBy: v.publishedBy }));
  }

  async versionId(slug: string, version: number): Promise<string> {
    const v = await this.repo.versionBySlug(slug, version);
    if (!v) throw notFound('Course version');
    return v.id;
  }
}

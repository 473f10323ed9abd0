import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@themis/core';
import { AuditTrail, OrganisationActor } from '@themis/organisations';
import { AccreditationRepository } from '../accreditation.repository';
import { AccreditationResponse, AccreditDto, RecordedAccreditation } from './accreditation.dto';

const invalid = (message: string, field: string) => new DomainError(ErrorCode.ValidationFailed, message, { field });

/** An organisation's accreditor accredits a course version for hours by category, with a number and validity dates. */
@Injectable()
export class AccreditationService {
  constructor(private readonly repo: AccreditationRepository, private readonly audit: AuditTrail) {}

  async accredit(actor: OrganisationActor, dto: AccreditDto): Promise<AccreditationResponse> {
    const version = await this.repo.version(dto.courseVersionId);
    if (!version) throw invalid('courseVersionId names no course version', 'courseVersionId');
    for (const [category, hours] of Object.entries(dto.hours)) {
      const granted = version.cleCategories[category];
      if (granted === undefined) throw invalid(`hours.${category}: the version grants no hours in this category`, 'hours');
      if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > Number(granted)) throw invalid(`hours.${category} must be from 0 to ${granted}`, 'hours');
    }
    for (const f of ['validFrom', 'validTo'] as const) if (dto[f] && Number.isNaN(Date.parse(dto[f]!))) throw invalid(`${f} must be a date as YYYY-MM-DD`, f);
    if (dto.validTo && dto.validTo < dto.validFrom) throw invalid('validTo must not be before validFrom', 'validTo');
    const row = await this.repo.upsertAccreditation({ organisationId: actor.organisation.id, courseVersionId: version.id, number: dto.number, hours: dto.hours, validFrom: dto.validFrom, validTo: dto.validTo ?? null, createdBy: actor.actor });
    await this.audit.record(undefined, { actor: actor.actor, action: 'accreditation.save', subject: row.id, details: { organisationId: actor.organisation.id, courseVersionId: version.id, courseSlug: version.courseSlug, version: version.version, number: dto.number, hours: dto.hours, validFrom: dto.validFrom, validTo: dto.validTo ?? null } });
    return row;
  }

  list(actor: OrganisationActor): Promise<AccreditationResponse[]> {
    return this.repo.listFor(actor.organisation.id);
  }

  /** Read in the issuing transaction: what the certificate records. */
  async validOn(manager: EntityManager, versionId: string, at: Date): Promise<RecordedAccreditation[]> {
    return (await this.repo.validOn(manager, versionId, at)).map((a) => ({ organisationId: a.organisationId, organisationName: a.organisationName, number: a.number, hours: a.hours }));
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@themis/core';
import { inTransaction } from '@themis/database';
import { OrganisationActor } from '../access/organisation-access';
import { AuditTrail } from '../audit-trail';
import { RosterUploadResponse } from '../organisations/organisations.dto';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { MAX_ROSTER_BYTES, parseRoster } from './roster-csv';

/** A roster upload replaces the previous roster; its valid lines are kept, the others reported by line. */
@Injectable()
export class RosterService {
  constructor(private readonly organisations: OrganisationRepository, private readonly audit: AuditTrail) {}

  async upload(actor: OrganisationActor, body: unknown): Promise<RosterUploadResponse> {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'send the roster as the request body with Content-Type: text/csv', { field: 'body' });
    if (body.length > MAX_ROSTER_BYTES) throw new DomainError(ErrorCode.PayloadTooLarge, 'a roster may be at most 5 MB');
    const { lines, rejected } = parseRoster(body);
    const organisationId = actor.organisation.id;
    await inTransaction(this.organisations.db, async (manager) => {
      // One upload at a time per organisation: a second waits and then replaces the first.
      await this.organisations.lock(manager, organisationId);
      await this.organisations.replaceRoster(manager, organisationId, lines);
      await this.audit.record(manager, { actor: actor.actor, action: 'roster.upload', subject: organisationId, details: { members: lines.length, rejected: rejected.length, bytes: body.length } });
    });
    return { members: lines.length, rejected };
  }
}

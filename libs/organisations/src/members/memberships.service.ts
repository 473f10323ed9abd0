import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { inTransaction } from '@themis/database';
import { UsersService } from '@themis/identity';
import { OrganisationActor } from '../access/organisation-access';
import { AuditTrail } from '../audit-trail';
import type { MembershipStatus } from '../entities/membership.entity';
import { ClaimMembershipDto, DecideMembershipDto, MembershipResponse } from '../organisations/organisations.dto';
import { MembershipRow, OrganisationRepository } from '../organisations/organisation.repository';
import { nameKey, normaliseBarNumber } from './bar-number.rules';

const isUniqueViolation = (err: unknown) => (err as { code?: string; driverError?: { code?: string } })?.code === '23505' || (err as { driverError?: { code?: string } })?.driverError?.code === '23505';
const taken = () => new DomainError(ErrorCode.Conflict, 'Another account holds this bar number verified at this organisation', { field: 'barNumber' });

export interface RecordedMembership {
  organisationId: string;
  organisationName: string;
  barNumber: string;
  barNumberKey: string;
}

/**
 * A learner's claim of a bar number. Verified at once when the roster lists it under the
 * account's full name; otherwise pending for a clerk. The partial unique index
 * memberships_verified_number_key settles two accounts racing for one number.
 */
@Injectable()
export class MembershipsService {
  constructor(private readonly organisations: OrganisationRepository, private readonly users: UsersService, private readonly audit: AuditTrail) {}

  async claim(userId: string, dto: ClaimMembershipDto): Promise<MembershipResponse> {
    const key = normaliseBarNumber(dto.barNumber);
    if (!key) throw new DomainError(ErrorCode.ValidationFailed, 'barNumber may hold only letters, digits, spaces, "-", "/" and "."', { field: 'barNumber' });
    const user = await this.users.findById(userId);
    try {
      const id = await inTransaction(this.organisations.db, (manager) => this.claimIn(manager, userId, user.fullName, dto, key));
      return toResponse((await this.organisations.membership(id))!);
    } catch (err) {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
  }

  private async claimIn(manager: EntityManager, userId: string, fullName: string, dto: ClaimMembershipDto, key: string): Promise<string> {
    if (!(await this.organisations.find(dto.organisationId, manager))) throw new DomainError(ErrorCode.ValidationFailed, 'organisationId names no organisation', { field: 'organisationId' });
    const holder = await this.organisations.verifiedHolder(manager, dto.organisationId, key);
    if (holder && holder !== userId) throw taken();
    const open = await this.organisations.openClaim(manager, dto.organisationId, userId);
    // The same number claimed again under the same name: the claim stands as it is.
    if (open && open.barNumberKey === key && nameKey(open.fullName) === nameKey(fullName)) return open.id;
    // A changed bar number (or name) is a new claim: the open one no longer stands, even if verified.
    if (open) {
      await this.organisations.setStatus(manager, open.id, 'superseded', `user:${userId}`, 'replaced by a new claim');
      await this.audit.record(manager, { actor: `user:${userId}`, action: 'membership.supersede', subject: open.id, details: { organisationId: dto.organisationId, barNumber: open.barNumber } });
    }
    const entry = await this.organisations.rosterEntry(manager, dto.organisationId, key);
    const status: MembershipStatus = entry && entry.nameKey === nameKey(fullName) ? 'verified' : 'pending';
    const id = await this.organisations.insertMembership(manager, { organisationId: dto.organisationId, userId, barNumber: dto.barNumber, barNumberKey: key, fullName, status, decidedBy: status === 'verified' ? 'roster' : null });
    await this.audit.record(manager, { actor: `user:${userId}`, action: 'membership.claim', subject: id, details: { organisationId: dto.organisationId, barNumber: dto.barNumber, status, onRoster: !!entry } });
    return id;
  }

  /** Account closure (issue 16): the person's memberships and grants, in the closing transaction. */
  forgetUser(manager: EntityManager, userId: string): Promise<void> {
    return this.organisations.forgetUser(manager, userId);
  }

  async mine(userId: string): Promise<MembershipResponse[]> {
    return (await this.organisations.membershipsOf(userId)).map(toResponse);
  }

  async claims(actor: OrganisationActor, status: MembershipStatus | null): Promise<MembershipResponse[]> {
    return (await this.organisations.claims(actor.organisation.id, status)).map(toResponse);
  }

  /** A clerk's decision on a pending claim (or withdrawing a verified one), with a reason for a rejection. */
  async decide(actor: OrganisationActor, membershipId: string, dto: DecideMembershipDto): Promise<MembershipResponse> {
    if (dto.decision === 'reject' && !dto.reason) throw new DomainError(ErrorCode.ValidationFailed, 'reason is required to reject a claim', { field: 'reason' });
    try {
      await inTransaction(this.organisations.db, async (manager) => {
        const m = await this.organisations.membership(membershipId, manager, true);
        if (!m || m.organisationId !== actor.organisation.id) throw notFound('Membership');
        const allowed = dto.decision === 'approve' ? m.status === 'pending' : m.status === 'pending' || m.status === 'verified';
        if (!allowed) throw new DomainError(ErrorCode.Conflict, `This claim is ${m.status}; only a pending claim can be decided`);
        const status: MembershipStatus = dto.decision === 'approve' ? 'verified' : 'rejected';
        await this.organisations.setStatus(manager, m.id, status, actor.actor, dto.reason ?? null);
        await this.audit.record(manager, { actor: actor.actor, action: `membership.${dto.decision}`, subject: m.id, details: { organisationId: m.organisationId, barNumber: m.barNumber, reason: dto.reason ?? null, from: m.status } });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
    return toResponse((await this.organisations.membership(membershipId))!);
  }

  verifiedMember(barNumberKey: string, organisationId: string | null): Promise<{ fullName: string; organisationId: string } | null> {
    return this.organisations.verifiedMember(barNumberKey, organisationId);
  }

  /** The learner's verified memberships, read in the issuing transaction so the certificate records them as they are. */
  verifiedOf(manager: EntityManager, userId: string): Promise<RecordedMembership[]> {
    return this.organisations.verifiedOf(manager, userId);
  }
}

function toResponse(m: MembershipRow): MembershipResponse {
  return {
    id: m.id,
    organisationId: m.organisationId,
    organisationName: m.organisationName,
    barNumber: m.barNumber,
    status: m.status,
    reason: m.reason,
    fullName: m.fullName,
    rosterName: m.rosterName,
    createdAt: new Date(m.createdAt).toISOString(),
    decidedAt: m.decidedAt ? new Date(m.decidedAt).toISOString() : null,
  };
}

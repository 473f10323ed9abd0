import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { AuthenticatedUser, VerifiersService } from '@themis/identity';
import type { OrganisationGrantKind } from '../entities/organisation-grant.entity';
import { OrganisationRepository, OrganisationRow } from '../organisations/organisation.repository';

/** Who acts for an organisation: one of its clerks or accreditors (a grant), or its API key. */
export interface OrganisationActor {
  /** `user:<id>` or `verifier:<id>`, as the audit log names actors. */
  actor: string;
  userId: string | null;
  organisation: OrganisationRow;
}

export interface Caller {
  apiKey?: string;
  user?: AuthenticatedUser;
}

@Injectable()
export class OrganisationAccess {
  constructor(private readonly organisations: OrganisationRepository, private readonly verifiers: VerifiersService) {}

  /** 401 with no key or sign-in; 403 for a key or user that does not act for this organisation (or for an unknown one). */
  async require(caller: Caller, organisationId: string, grant: OrganisationGrantKind, keyAllowed = true): Promise<OrganisationActor> {
    if (caller.apiKey !== undefined) {
      const key = await this.verifiers.authenticate(caller.apiKey);
      if (!key) throw new DomainError(ErrorCode.Unauthenticated, 'A valid X-Api-Key header is required');
      if (!keyAllowed || key.organisationId !== organisationId) throw new DomainError(ErrorCode.Forbidden, 'This key does not act for this organisation');
      return { actor: `verifier:${key.id}`, userId: null, organisation: (await this.organisations.find(organisationId))! };
    }
    if (!caller.user) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in first, or send the organisation’s X-Api-Key');
    if (!(await this.organisations.hasGrant(organisationId, caller.user.id, grant))) {
      throw new DomainError(ErrorCode.Forbidden, `Only this organisation’s ${grant}s may do this`);
    }
    const organisation = await this.organisations.find(organisationId);
    if (!organisation) throw notFound('Organisation');
    return { actor: `user:${caller.user.id}`, userId: caller.user.id, organisation };
  }
}

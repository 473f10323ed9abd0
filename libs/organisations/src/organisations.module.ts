import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@themis/identity';
import { OrganisationAccess } from './access/organisation-access';
import { AuditTrail } from './audit-trail';
import { CleExemption } from './entities/cle-exemption.entity';
import { CleRuleSet } from './entities/cle-rule-set.entity';
import { Membership } from './entities/membership.entity';
import { OrganisationGrant } from './entities/organisation-grant.entity';
import { Organisation } from './entities/organisation.entity';
import { RosterEntry } from './entities/roster-entry.entity';
import { MembershipsService } from './members/memberships.service';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationsService } from './organisations/organisations.service';
import { RosterService } from './roster/roster.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, OrganisationGrant, RosterEntry, Membership, CleRuleSet, CleExemption]), IdentityModule],
  providers: [OrganisationRepository, OrganisationAccess, AuditTrail, OrganisationsService, RosterService, MembershipsService],
  exports: [OrganisationAccess, AuditTrail, OrganisationsService, RosterService, MembershipsService],
})
export class OrganisationsModule {}

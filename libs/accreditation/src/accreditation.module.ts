import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@themis/identity';
import { OrganisationsModule } from '@themis/organisations';
import { AccreditationRepository } from './accreditation.repository';
import { AccreditationService } from './accreditations/accreditation.service';
import { VersionApprovals } from './approvals/version-approvals';
import { Accreditation } from './entities/accreditation.entity';
import { VersionApproval } from './entities/version-approval.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Accreditation, VersionApproval]), IdentityModule, OrganisationsModule],
  providers: [AccreditationRepository, AccreditationService, VersionApprovals],
  exports: [AccreditationService, VersionApprovals],
})
export class AccreditationModule {}

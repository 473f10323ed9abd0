import { Module } from '@nestjs/common';
import { AccreditationModule } from '@themis/accreditation';
import { CertificationModule } from '@themis/certification';
import { IdentityModule } from '@themis/identity';
import { OrganisationsModule } from '@themis/organisations';
import { OrganisationPageController } from './organisation.page.controller';
import { OrganisationPagesService } from './organisation-pages.service';

@Module({
  imports: [IdentityModule, OrganisationsModule, AccreditationModule, CertificationModule],
  controllers: [OrganisationPageController],
  providers: [OrganisationPagesService],
})
export class OrganisationPagesModule {}

import { Module } from '@nestjs/common';
import { AssessmentModule } from '@themis/assessment';
import { CertificationModule } from '@themis/certification';
import { IdentityModule } from '@themis/identity';
import { LearningModule } from '@themis/learning';
import { OrganisationsModule } from '@themis/organisations';
import { AccountDataService } from './account-data.service';

/** The learner's own data across the libs: download it, close the account. */
@Module({
  imports: [IdentityModule, LearningModule, AssessmentModule, CertificationModule, OrganisationsModule],
  providers: [AccountDataService],
  exports: [AccountDataService],
})
export class AccountsModule {}

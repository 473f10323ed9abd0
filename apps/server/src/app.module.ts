import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentModule } from '@themis/assessment';
import { EvaluationModule } from '@themis/evaluation';
import { CertificationModule } from '@themis/certification';
import { CatalogModule } from '@themis/catalog';
import { AppConfig, ConfigModule } from '@themis/core';
import { dataSourceOptions } from '@themis/database';
import { AccessGuard, IdentityModule } from '@themis/identity';
import { LearningModule } from '@themis/learning';
import { JobsModule } from '@themis/jobs';
import { MailModule } from '@themis/mail';
import { OrganisationsModule } from '@themis/organisations';
import { AccreditationModule } from '@themis/accreditation';
import { AdminOrganisationsController, OrganisationsController } from './api/organisations.controller';
import { ApprovalsController, MembershipsController } from './api/memberships.controller';
import { AdminCertificatesController } from './api/admin-certificates.controller';
import { AdminController } from './api/admin.controller';
import { AuthController } from './api/auth.controller';
import { AuthoringController } from './api/authoring.controller';
import { CertificatesController } from './api/certificates.controller';
import { CoursesController } from './api/courses.controller';
import { HealthController } from './api/health.controller';
import { MeController } from './api/me.controller';
import { QuizzesController } from './api/quizzes.controller';
import { EvaluationsController } from './api/evaluations.controller';
import { ReportsController } from './api/reports.controller';
import { VerificationController } from './api/verification.controller';
import { DomainErrorFilter } from './infra/domain-error.filter';
import { FastVerificationCheck } from './infra/fast-verification.check';
import { VerifyPageController } from './pages/verify.page.controller';
import { WebModule } from './web/web.module';
import { AuthoringPagesModule } from './pages/authoring/authoring-pages.module';
import { TranscriptController } from './api/transcript.controller';
import { CredentialsController } from './api/credentials.controller';
import { WalletController } from './api/wallet.controller';
import { TranscriptPagesModule } from './pages/transcript/transcript-pages.module';
import { MailPagesModule } from './pages/mail/mail-pages.module';
import { AccountPagesModule } from './pages/account/account-pages.module';
import { AccountsModule } from './accounts/accounts.module';
import { HandlebarsMailRenderer } from './web/mail-renderer';
import { OrganisationPagesModule } from './pages/organisations/organisation-pages.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, {}, config.databaseConnectTimeoutMs), migrationsRun: false, retryAttempts: 0 }),
        JobsModule,
        MailModule.forRoot({ renderer: HandlebarsMailRenderer }),
        IdentityModule,
        CatalogModule,
        LearningModule,
        AssessmentModule,
        EvaluationModule,
        CertificationModule,
        OrganisationsModule,
        AccreditationModule,
        WebModule,
        AuthoringPagesModule,
        TranscriptPagesModule,
        MailPagesModule,
        AccountPagesModule,
        AccountsModule,
        OrganisationPagesModule,
      ],
      controllers: [HealthController, AuthController, MeController, AdminController, CoursesController, QuizzesController,
        CertificatesController, VerificationController, AdminCertificatesController, VerifyPageController, AuthoringController, ReportsController, TranscriptController,
        AdminOrganisationsController, OrganisationsController, MembershipsController, ApprovalsController, CredentialsController, WalletController, EvaluationsController],
      providers: [
        FastVerificationCheck,
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false, validationError: { target: false, value: false } }),
        },
      ],
    };
  }
}

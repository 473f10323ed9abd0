import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { AssessmentModule } from '@themis/assessment';
import { CatalogModule } from '@themis/catalog';
import { CertificationModule } from '@themis/certification';
import { EvaluationModule } from '@themis/evaluation';
import { IdentityModule } from '@themis/identity';
import { LearningModule } from '@themis/learning';
import { CertificatePagesService } from '../pages/certificates/certificate-pages.service';
import { CertificatesPageController } from '../pages/certificates/certificates.page.controller';
import { AdminPagesService } from '../pages/admin/admin-pages.service';
import { StaffPageController } from '../pages/admin/staff.page.controller';
import { LearnerPagesService } from '../pages/learner/learner-pages.service';
import { QuizPagesService } from '../pages/learner/quiz-pages.service';
import { LearnerPageController } from '../pages/learner/learner.page.controller';
import { EvaluationPageController } from '../pages/learner/evaluation.page.controller';
import { PublicPagesService } from '../pages/public/public-pages.service';
import { PublicPageController } from '../pages/public/public.page.controller';
import { PageContextMiddleware } from './page-context.middleware';

/** The server-rendered site: page controllers over the same services as the JSON API. */
@Module({
  imports: [IdentityModule, CatalogModule, LearningModule, AssessmentModule, EvaluationModule, CertificationModule],
  controllers: [PublicPageController, LearnerPageController, EvaluationPageController, StaffPageController, CertificatesPageController],
  providers: [PublicPagesService, LearnerPagesService, QuizPagesService, AdminPagesService, CertificatePagesService],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser(), PageContextMiddleware).forRoutes('{*path}');
  }
}

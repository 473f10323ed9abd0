import { Module } from '@nestjs/common';
import { AssessmentModule } from '@themis/assessment';
import { CatalogModule } from '@themis/catalog';
import { AuthoringPageController, AuthoringScriptController, ReportPageController } from './authoring.page.controller';
import { AuthoringPagesService } from './authoring-pages.service';

/** The trainer's editor and report pages (the page middleware of WebModule covers them: session, locale, CSRF). */
@Module({
  imports: [CatalogModule, AssessmentModule],
  controllers: [AuthoringPageController, AuthoringScriptController, ReportPageController],
  providers: [AuthoringPagesService],
})
export class AuthoringPagesModule {}

import { Module } from '@nestjs/common';
import { AssessmentModule } from '@themis/assessment';
import { CatalogModule } from '@themis/catalog';
import { AuthoringPageController, AuthoringScriptController, ReportPageController } from './authoring.page.controller';
import { AuthoringPagesService } from './authoring-pages.service';
import { DraftPageController } from './draft.page.controller';
import { DraftPagesService } from './draft-pages.service';
import { TranslationPageController } from './translation.page.controller';
import { TranslationPagesService } from './translation-pages.service';

/** The trainer's editor and report pages (the page middleware of WebModule covers them: session, locale, CSRF). */
@Module({
  imports: [CatalogModule, AssessmentModule],
  // The script's fixed routes (staff/authoring/preview) are registered before the draft pages' `:slug` routes.
  controllers: [AuthoringPageController, AuthoringScriptController, ReportPageController, TranslationPageController, DraftPageController],
  providers: [AuthoringPagesService, DraftPagesService, TranslationPagesService],
})
export class AuthoringPagesModule {}

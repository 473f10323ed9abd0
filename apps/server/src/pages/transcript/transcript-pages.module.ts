import { Module } from '@nestjs/common';
import { CertificationModule } from '@themis/certification';
import { TranscriptPageController } from './transcript.page.controller';
import { TranscriptPagesService } from './transcript-pages.service';

/** The learner's transcript page and PDF (WebModule's page middleware covers them: session, locale, CSRF). */
@Module({
  imports: [CertificationModule],
  controllers: [TranscriptPageController],
  providers: [TranscriptPagesService],
})
export class TranscriptPagesModule {}

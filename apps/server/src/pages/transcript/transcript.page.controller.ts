import { Controller, Get, Query, Render, StreamableFile, UseFilters } from '@nestjs/common';
import { CredentialService, TranscriptService } from '@themis/certification';
import { AuthenticatedUser, CurrentUser } from '@themis/identity';
import { LangPipe } from '../../infra/lang.pipe';
import { PageErrorFilter } from '../../web/page-error.filter';
import { jsonLdFile } from '../certificates/certificates.page.controller';
import { TranscriptPagesService } from './transcript-pages.service';

/** The signed-in learner's transcript, as a page and as a PDF (under the session cookie). */
@UseFilters(PageErrorFilter)
@Controller()
export class TranscriptPageController {
  constructor(private readonly pages: TranscriptPagesService, private readonly transcripts: TranscriptService, private readonly credentials: CredentialService) {}

  @Get('transcript')
  @Render('pages/transcript')
  transcript(@CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.pages.transcript(user.id);
  }

  @Get('transcript.pdf')
  async pdf(@CurrentUser() user: AuthenticatedUser, @Query('lang', LangPipe) lang?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.transcripts.pdf(user.id, lang), { type: 'application/pdf', disposition: 'attachment; filename="themis-cle-transcript.pdf"' });
  }

  /** The same record as a signed Comprehensive Learner Record 2.0 credential. */
  @Get('transcript.jsonld')
  async credential(@CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return jsonLdFile(await this.credentials.transcriptCredential(user.id), 'themis-cle-transcript.jsonld');
  }
}

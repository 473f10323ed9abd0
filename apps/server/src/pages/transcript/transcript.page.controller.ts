import { Controller, Get, Query, Render, StreamableFile, UseFilters } from '@nestjs/common';
import { TranscriptService } from '@themis/certification';
import { AuthenticatedUser, CurrentUser } from '@themis/identity';
import { LangPipe } from '../../infra/lang.pipe';
import { PageErrorFilter } from '../../web/page-error.filter';
import { TranscriptPagesService } from './transcript-pages.service';

/** The signed-in learner's transcript, as a page and as a PDF (under the session cookie). */
@UseFilters(PageErrorFilter)
@Controller()
export class TranscriptPageController {
  constructor(private readonly pages: TranscriptPagesService, private readonly transcripts: TranscriptService) {}

  @Get('transcript')
  @Render('pages/transcript')
  transcript(@CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.pages.transcript(user.id);
  }

  @Get('transcript.pdf')
  async pdf(@CurrentUser() user: AuthenticatedUser, @Query('lang', LangPipe) lang?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.transcripts.pdf(user.id, lang), { type: 'application/pdf', disposition: 'attachment; filename="themis-cle-transcript.pdf"' });
  }
}

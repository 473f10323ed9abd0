import { Body, Controller, Get, Param, Post, Query, Render, Req, Res, StreamableFile, UploadedFile, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';
import { Audited } from '@themis/certification';
import { OptionalPositiveIntPipe, PositiveInt, SlugPipe } from '../../infra/params';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import type { Form } from './draft-forms';
import { DraftPagesService } from './draft-pages.service';
import { deletedNotice, discardedNotice } from './page-messages';

type Upload = { buffer: Buffer; size: number } | undefined;

/**
 * The editor's pages: plain forms posting to these routes (CSRF token in each form; the upload
 * forms' multipart bodies are parsed before the check, by infra/upload-parser).
 */
@RequirePermission(Permission.AuthorCourses)
@UseFilters(PageErrorFilter)
@Controller('staff/authoring')
export class DraftPageController {
  constructor(private readonly pages: DraftPagesService) {}

  @Get()
  async index(@Req() req: Request, @Res() res: Response, @Query('published') published?: string, @Query('version') version?: string, @Query('discarded') discarded?: string): Promise<void> {
    send(req, res, await this.pages.index({ published: { slug: published, version }, notice: discardedNotice(discarded) }));
  }

  @Post('courses')
  async create(@Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.createCourse(user, body));
  }

  @Post('archives')
  @Audited('course.import')
  async importArchive(@UploadedFile() file: Upload, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.importArchive(file, user.id));
  }

  @Get(':slug')
  async draft(@Param('slug', SlugPipe) slug: string, @Req() req: Request, @Res() res: Response, @Query('deleted') deleted?: string, @Query('what') what?: string): Promise<void> {
    send(req, res, await this.pages.draft(slug, { notice: deletedNotice(deleted, what) }));
  }

  @Post(':slug/deletion')
  async discard(@Param('slug', SlugPipe) slug: string, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.discardDraft(slug, body));
  }

  @Post(':slug/draft')
  async open(@Param('slug', SlugPipe) slug: string, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.openDraft(user, slug));
  }

  @Post(':slug/course')
  async saveCourse(@Param('slug', SlugPipe) slug: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.saveCourse(user, slug, body));
  }

  @Post(':slug/modules')
  async addModule(@Param('slug', SlugPipe) slug: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.addModule(user, slug, body));
  }

  @Get(':slug/modules/:module')
  async module(@Param('slug', SlugPipe) slug: string, @Param('module', SlugPipe) module: string, @Req() req: Request, @Res() res: Response, @Query('deleted') deleted?: string, @Query('what') what?: string): Promise<void> {
    send(req, res, await this.pages.module(slug, module, { notice: deletedNotice(deleted, what) }));
  }

  @Post(':slug/modules/:module/deletion')
  async deleteModule(@Param('slug', SlugPipe) slug: string, @Param('module', SlugPipe) module: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.deleteModule(user, slug, module, body));
  }

  @Post(':slug/modules/:module')
  async saveModule(@Param('slug', SlugPipe) slug: string, @Param('module', SlugPipe) module: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.saveModule(user, slug, module, body));
  }

  @Get(':slug/quizzes/:quiz')
  async quiz(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.quiz(slug, quiz));
  }

  @Post(':slug/quizzes/:quiz')
  async saveQuiz(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.saveQuiz(user, slug, quiz, body));
  }

  @Post(':slug/quizzes/:quiz/deletion')
  async deleteQuiz(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.deleteQuiz(user, slug, quiz, body));
  }

  /** Under the session cookie: the API's GIFT export wants a Bearer token, which a browser link cannot send. */
  @Get(':slug/quizzes/:quiz/gift')
  async exportGift(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Query('version') version?: string): Promise<StreamableFile> {
    const { filename, body } = await this.pages.exportGift(slug, quiz, version);
    return new StreamableFile(Buffer.from(body, 'utf8'), { type: 'text/plain; charset=utf-8', disposition: `attachment; filename="${filename}"` });
  }

  @Post(':slug/quizzes/:quiz/gift')
  async importGift(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Body() body: Form, @UploadedFile() file: Upload, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.importGift(user, slug, quiz, body ?? {}, file));
  }

  @Get(':slug/quizzes/:quiz/moodle-xml')
  async exportMoodleXml(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Query('version') version?: string): Promise<StreamableFile> {
    const { filename, body } = await this.pages.exportMoodleXml(slug, quiz, version);
    return new StreamableFile(Buffer.from(body, 'utf8'), { type: 'application/xml; charset=utf-8', disposition: `attachment; filename="${filename}"` });
  }

  @Post(':slug/quizzes/:quiz/moodle-xml')
  async importMoodleXml(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Body() body: Form, @UploadedFile() file: Upload, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.importMoodleXml(user, slug, quiz, body ?? {}, file));
  }

  @Audited('course.publish', 'slug')
  @Post(':slug/publication')
  async publish(@Param('slug', SlugPipe) slug: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.publish(slug, body, user.id));
  }

  @Get(':slug/diff')
  @Render('pages/authoring/diff')
  diff(@Param('slug', SlugPipe) slug: string, @Query('from', OptionalPositiveIntPipe) from?: PositiveInt, @Query('to', OptionalPositiveIntPipe) to?: PositiveInt): Promise<object> {
    return this.pages.diff(slug, from, to);
  }

  @Get(':slug/archive')
  async archive(@Param('slug', SlugPipe) slug: string, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<StreamableFile> {
    const { filename, body } = await this.pages.archive(slug, version);
    return new StreamableFile(body, { type: 'application/zip', disposition: `attachment; filename="${filename}"` });
  }
}

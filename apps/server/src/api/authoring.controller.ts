import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  applyCourseMetaUpdate, applyLessonUpdate, ArchiveImportResponse, AuthoringCourseResponse, AuthoringService, BibliographyResponse, CourseDiff,
  CreateCourseDto, DraftResponse, GiftImportDto, GiftImportResponse, MoodleXmlImportDto, MoodleXmlImportResponse, PreviewDto, PublishResponse, removeLesson, removeModule, removeQuestion, removeQuiz,
  RevisionDto, SaveDraftDto, UpdateCourseMetaDto, UpdateLessonDto,
} from '@themis/catalog';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';
import { Audited } from '@themis/certification';
import { OptionalPositiveIntPipe, PositiveInt, PositiveIntPipe, SlugPipe } from '../infra/params';


/** The trainer's authoring API: drafts with a revision check, publishing, diffs, zip, GIFT and Moodle XML files. */
@RequirePermission(Permission.AuthorCourses)
@Controller('api/v1/author')
export class AuthoringController {
  constructor(private readonly authoring: AuthoringService) {}

  @Get('courses')
  list(): Promise<AuthoringCourseResponse[]> {
    return this.authoring.listCourses();
  }

  @Post('courses')
  create(@Body() dto: CreateCourseDto, @CurrentUser() user: AuthenticatedUser): Promise<DraftResponse> {
    return this.authoring.createCourse(user, dto.slug, dto.title);
  }

  @Get('bibliography')
  bibliography(): Promise<BibliographyResponse> {
    return this.authoring.bibliographyList();
  }

  @HttpCode(200)
  @Post('preview')
  preview(@Body() dto: PreviewDto): Promise<{ html: string }> {
    return this.authoring.preview(dto.markdown);
  }

  @Post('courses/:slug/draft')
  async open(@Param('slug', SlugPipe) slug: string, @CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) res: Response): Promise<DraftResponse> {
    const { created, draft } = await this.authoring.openDraft(user, slug);
    res.status(created ? 201 : 200);
    return draft;
  }

  @Get('courses/:slug/draft')
  draft(@Param('slug', SlugPipe) slug: string): Promise<DraftResponse> {
    return this.authoring.getDraft(slug);
  }

  @Put('courses/:slug/draft')
  save(@Param('slug', SlugPipe) slug: string, @Body() dto: SaveDraftDto, @CurrentUser() user: AuthenticatedUser): Promise<DraftResponse> {
    return this.authoring.saveDraft(user, slug, dto.revision, dto.content);
  }

  @Put('courses/:slug/draft/course')
  saveMeta(@Param('slug', SlugPipe) slug: string, @Body() dto: UpdateCourseMetaDto, @CurrentUser() user: AuthenticatedUser): Promise<DraftResponse> {
    return this.authoring.editDraft(user, slug, dto.revision, (d) => applyCourseMetaUpdate(d, dto));
  }

  @Put('courses/:slug/draft/lessons/:lesson')
  saveLesson(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @Body() dto: UpdateLessonDto, @CurrentUser() user: AuthenticatedUser): Promise<DraftResponse> {
    return this.authoring.editDraft(user, slug, dto.revision, (d) => applyLessonUpdate(d, lesson, dto));
  }

  /** Deletes the draft, never a published version; `?revision=` (optional, for clients that predate it) refuses a stale discard. */
  @HttpCode(204)
  @Delete('courses/:slug/draft')
  discard(@Param('slug', SlugPipe) slug: string, @Query('revision', OptionalPositiveIntPipe) revision?: PositiveInt): Promise<void> {
    return this.authoring.discardDraft(slug, revision);
  }

  @Delete('courses/:slug/draft/modules/:module')
  removeModule(@Param('slug', SlugPipe) slug: string, @Param('module', SlugPipe) module: string, @Query('revision', PositiveIntPipe) revision: PositiveInt, @CurrentUser() user: AuthenticatedUser): Promise<DraftResponse> {
    return this.authoring.editDraft(user, slug, revision, (d) => removeModule(d, module));
  }

  @Delete('courses/:slug/draft/lessons/:lesson')
  removeLesson(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @Query('revision', PositiveIntPipe) revision: PositiveInt, @CurrentUser() user: AuthenticatedUser): Promise<DraftResponse> {
    return this.authoring.editDraft(user, slug, revision, (d) => removeLesson(d, lesson));
  }

  @Delete('courses/:slug/draft/quizzes/:quiz')
  removeQuiz(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Query('revision', PositiveIntPipe) revision: PositiveInt, @CurrentUser() user: AuthenticatedUser): Promise<DraftResponse> {
    return this.authoring.editDraft(user, slug, revision, (d) => removeQuiz(d, quiz));
  }

  @Delete('courses/:slug/draft/quizzes/:quiz/questions/:question')
  removeQuestion(
    @Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Param('question', SlugPipe) question: string,
    @Query('revision', PositiveIntPipe) revision: PositiveInt, @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftResponse> {
    return this.authoring.editDraft(user, slug, revision, (d) => removeQuestion(d, quiz, question));
  }

  @Audited('course.publish', 'slug')
  @Post('courses/:slug/draft/publication')
  publish(@Param('slug', SlugPipe) slug: string, @Body() dto: RevisionDto, @CurrentUser() user: AuthenticatedUser): Promise<PublishResponse> {
    return this.authoring.publish(slug, dto.revision, user.id);
  }

  @HttpCode(200)
  @Post('courses/:slug/draft/quizzes/:quiz/gift')
  importGift(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Body() dto: GiftImportDto, @CurrentUser() user: AuthenticatedUser): Promise<GiftImportResponse> {
    return this.authoring.importGift(user, slug, dto.revision, quiz, dto.gift);
  }

  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Get('courses/:slug/quizzes/:quiz/gift')
  exportGift(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<string> {
    return this.authoring.exportGift(slug, quiz, version);
  }

  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Get('courses/:slug/draft/quizzes/:quiz/gift')
  async exportDraftGift(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string): Promise<string> {
    return (await this.authoring.exportDraftGift(slug, quiz)).gift;
  }

  @HttpCode(200)
  @Post('courses/:slug/draft/quizzes/:quiz/moodle-xml')
  importMoodleXml(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Body() dto: MoodleXmlImportDto, @CurrentUser() user: AuthenticatedUser): Promise<MoodleXmlImportResponse> {
    return this.authoring.importMoodleXml(user, slug, dto.revision, quiz, dto.xml);
  }

  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Get('courses/:slug/quizzes/:quiz/moodle-xml')
  exportMoodleXml(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<string> {
    return this.authoring.exportMoodleXml(slug, quiz, version);
  }

  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Get('courses/:slug/draft/quizzes/:quiz/moodle-xml')
  async exportDraftMoodleXml(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string): Promise<string> {
    return (await this.authoring.exportDraftMoodleXml(slug, quiz)).xml;
  }

  @Get('courses/:slug/diff')
  diff(@Param('slug', SlugPipe) slug: string, @Query('from', PositiveIntPipe) from: PositiveInt, @Query('to', PositiveIntPipe) to: PositiveInt): Promise<CourseDiff> {
    return this.authoring.diff(slug, from, to);
  }

  @Get('courses/:slug/archive')
  async archive(@Param('slug', SlugPipe) slug: string, @Res() res: Response, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<void> {
    const { filename, body } = await this.authoring.exportArchive(slug, version);
    res.type('application/zip').attachment(filename).send(body);
  }

  @Audited('course.import')
  @Post('course-archives')
  importArchive(@Body() body: Buffer, @CurrentUser() user: AuthenticatedUser): Promise<ArchiveImportResponse> {
    return this.authoring.importArchive(body, user.id);
  }
}

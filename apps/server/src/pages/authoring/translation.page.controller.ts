import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';
import { SlugPipe } from '../../infra/params';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import type { Form } from './draft-forms';
import { TranslationPagesService } from './translation-pages.service';

/** The editor's translation pages: a language's overview, then the course, each module, lesson and quiz beside its source. */
@RequirePermission(Permission.AuthorCourses)
@UseFilters(PageErrorFilter)
@Controller('staff/authoring/:slug/translations/:lang')
export class TranslationPageController {
  constructor(private readonly pages: TranslationPagesService) {}

  @Get()
  async overview(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response, @Query('saved') saved?: string): Promise<void> {
    send(req, res, await this.pages.overview(user, slug, lang, { saved: saved === '1' }));
  }

  @Post()
  async saveCourse(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.saveCourse(user, slug, lang, body ?? {}));
  }

  @Get('modules/:module')
  async module(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @Param('module', SlugPipe) module: string, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.module(user, slug, lang, module));
  }

  @Post('modules/:module')
  async saveModule(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @Param('module', SlugPipe) module: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.saveModule(user, slug, lang, module, body ?? {}));
  }

  @Get('lessons/:lesson')
  async lesson(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @Param('lesson', SlugPipe) lesson: string, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.lesson(user, slug, lang, lesson));
  }

  @Post('lessons/:lesson')
  async saveLesson(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @Param('lesson', SlugPipe) lesson: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.saveLesson(user, slug, lang, lesson, body ?? {}));
  }

  @Get('quizzes/:quiz')
  async quiz(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @Param('quiz', SlugPipe) quiz: string, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.quiz(user, slug, lang, quiz));
  }

  @Post('quizzes/:quiz')
  async saveQuiz(@Param('slug', SlugPipe) slug: string, @Param('lang') lang: string, @Param('quiz', SlugPipe) quiz: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.saveQuiz(user, slug, lang, quiz, body ?? {}));
  }
}

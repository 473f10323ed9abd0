import { Body, Controller, Get, HttpCode, Param, Post, Query, Redirect, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthenticatedUser, CurrentUser, MfaSetupAllowed, Permission, Public, RequirePermission } from '@themis/identity';
import { IdPipe, SlugPipe } from '../../infra/params';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { LearnerPagesService } from './learner-pages.service';
import { QuizPagesService } from './quiz-pages.service';

type Form = Record<string, unknown>;

@UseFilters(PageErrorFilter)
@RequirePermission(Permission.Learn)
@Controller()
export class LearnerPageController {
  constructor(private readonly pages: LearnerPagesService, private readonly quizzes: QuizPagesService) {}

  @Public()
  @Get('courses/:slug')
  @Render('pages/course')
  course(@Param('slug', SlugPipe) slug: string, @CurrentUser() user?: AuthenticatedUser): Promise<object> {
    return this.pages.course(user?.id, slug);
  }

  @Post('courses/:slug/enrollment')
  @Redirect('/', 303)
  enroll(@Param('slug', SlugPipe) slug: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser): Promise<{ url: string }> {
    return this.pages.enroll(user.id, slug, body?.['language']);
  }

  @Post('courses/:slug/enrollment/language')
  @Redirect('/', 303)
  switchLanguage(@Param('slug', SlugPipe) slug: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser): Promise<{ url: string }> {
    return this.pages.switchLanguage(user.id, slug, body?.['language']);
  }

  @Get('courses/:slug/lessons/:lesson')
  @Render('pages/lesson')
  lesson(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @Query('note') note: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.pages.lesson(user.id, slug, lesson, note === 'read');
  }

  @Post('courses/:slug/lessons/:lesson/completion')
  @Redirect('/', 303)
  complete(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @CurrentUser() user: AuthenticatedUser): Promise<{ url: string }> {
    return this.pages.completeLesson(user.id, slug, lesson);
  }

  /** The lesson page's heartbeat (lesson-clock.js, with the page's CSRF token): the study clock stays on this lesson. */
  @Post('courses/:slug/lessons/:lesson/heartbeat')
  @HttpCode(204)
  async heartbeat(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.pages.heartbeat(user.id, slug, lesson);
  }

  @Get('courses/:slug/quizzes/:quiz')
  @Render('pages/quiz')
  quiz(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Query('saved') saved: string | undefined, @Query('unanswered') unanswered: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.quizzes.quiz(user.id, slug, quiz, { saved: saved === '1', unanswered: /^\d{1,3}$/.test(unanswered ?? '') ? Number(unanswered) : 0 });
  }

  @Post('courses/:slug/quizzes/:quiz/attempts')
  @Redirect('/', 303)
  start(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @CurrentUser() user: AuthenticatedUser): Promise<{ url: string }> {
    return this.quizzes.startAttempt(user.id, slug, quiz);
  }

  @Post('attempts/:id/submission')
  @Redirect('/', 303)
  submit(@Param('id', IdPipe) id: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser): Promise<{ url: string }> {
    return this.quizzes.submitAttempt(user.id, id, body);
  }

  /** The save button; the autosave script posts here too, with `?js=1`, and gets 204. */
  @Post('attempts/:id/answers')
  async save(@Param('id', IdPipe) id: string, @Body() body: Form, @Query('js') js: string | undefined, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const { url } = await this.quizzes.saveAnswers(user.id, id, body);
    if (js === '1') res.status(204).end();
    else res.redirect(303, url);
  }

  @Get('attempts/:id')
  @Render('pages/result')
  result(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.quizzes.result(user.id, id);
  }

  @Get('dashboard')
  @Render('pages/dashboard')
  dashboard(@CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.pages.dashboard(user.id);
  }

  @MfaSetupAllowed()
  @Get('profile')
  @Render('pages/profile')
  profile(@CurrentUser() user: AuthenticatedUser, @Query('saved') saved?: string): Promise<object> {
    return this.pages.profile(user.id, saved === '1');
  }

  @Post('profile')
  async updateProfile(@Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.updateProfile(user.id, body));
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { AnswerKeyResponse, AnswerKeyService, AttemptResponse, AttemptService, GrantDto, GrantResponse, GrantService, SubmissionResponse, SubmissionService, SubmitAttemptDto } from '@themis/assessment';
import { Audited } from '@themis/certification';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';
import { IdPipe, SlugPipe } from '../infra/params';
import { LangPipe } from '../infra/lang.pipe';

@Controller('api/v1')
export class QuizzesController {
  constructor(private readonly attempts: AttemptService, private readonly submissions: SubmissionService, private readonly keys: AnswerKeyService, private readonly grants: GrantService) {}

  @RequirePermission(Permission.Learn)
  @Post('courses/:slug/quizzes/:quiz/attempts')
  start(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Query('lang', LangPipe) lang: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<AttemptResponse> {
    return this.attempts.start(user.id, slug, quiz, lang);
  }

  @RequirePermission(Permission.Learn)
  @HttpCode(200)
  @Post('attempts/:attemptId/submission')
  submit(@Param('attemptId', IdPipe) attemptId: string, @Body() dto: SubmitAttemptDto, @CurrentUser() user: AuthenticatedUser): Promise<SubmissionResponse> {
    return this.submissions.submit(user.id, attemptId, dto);
  }

  /** Autosave: the answers given so far; a reload of the attempt shows them again. */
  @RequirePermission(Permission.Learn)
  @HttpCode(200)
  @Put('attempts/:attemptId/answers')
  save(@Param('attemptId', IdPipe) attemptId: string, @Body() dto: SubmitAttemptDto, @CurrentUser() user: AuthenticatedUser): Promise<{ attemptId: string; savedAt: string }> {
    return this.attempts.saveAnswers(user.id, attemptId, dto);
  }

  @RequirePermission(Permission.Learn)
  @Get('attempts/:attemptId')
  result(@Param('attemptId', IdPipe) attemptId: string, @CurrentUser() user: AuthenticatedUser): Promise<SubmissionResponse> {
    return this.submissions.result(user.id, attemptId);
  }

  @RequirePermission(Permission.ViewAnswerKeys)
  @Get('author/courses/:slug/quizzes/:quiz')
  answerKey(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string): Promise<AnswerKeyResponse> {
    return this.keys.forCurrentVersion(slug, quiz);
  }

  /** Another attempt or more time for one learner, with a reason; the audit log keeps who, whom and why. */
  @RequirePermission(Permission.AuthorCourses)
  @Audited('quiz.grant')
  @Post('author/courses/:slug/quizzes/:quiz/grants')
  grant(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string, @Body() dto: GrantDto, @CurrentUser() user: AuthenticatedUser): Promise<GrantResponse> {
    return this.grants.grant(user.id, slug, quiz, dto);
  }
}

import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EvaluationFormResponse, EvaluationResultsResponse, EvaluationService } from '@themis/evaluation';
import { AuthenticatedUser, CurrentUser, Permission, Public, RequirePermission } from '@themis/identity';
import { OrganisationAccess } from '@themis/organisations';
import { ProgressResponse } from '@themis/learning';
import { IdPipe, SlugPipe } from '../infra/params';
import { LangPipe } from '../infra/lang.pipe';
import { callerOf } from '../infra/organisation-caller';
import { SubmitEvaluationDto } from './dto/evaluation.dto';

const sendCsv = (res: Response, { filename, body }: { filename: string; body: string }) => res.type('text/csv; charset=utf-8').attachment(filename).send(`\uFEFF${body}`);

/** The course evaluation: the learner's form and submission (once), and its anonymous results. */
@Controller('api/v1')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationService, private readonly access: OrganisationAccess) {}

  @RequirePermission(Permission.Learn)
  @Get('courses/:slug/evaluation')
  form(@Param('slug', SlugPipe) slug: string, @Query('lang', LangPipe) lang: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<EvaluationFormResponse> {
    return this.evaluations.form(user.id, slug, lang);
  }

  @RequirePermission(Permission.Learn)
  @Post('courses/:slug/evaluation')
  submit(@Param('slug', SlugPipe) slug: string, @Body() dto: SubmitEvaluationDto, @CurrentUser() user: AuthenticatedUser): Promise<{ submitted: true; progress: ProgressResponse }> {
    return this.evaluations.submit(user.id, slug, dto.answers);
  }

  @RequirePermission(Permission.ViewReports)
  @Get('author/courses/:slug/evaluation/results')
  results(@Param('slug', SlugPipe) slug: string): Promise<EvaluationResultsResponse> {
    return this.evaluations.results(slug);
  }

  @RequirePermission(Permission.ViewReports)
  @Get('author/courses/:slug/evaluation/results.csv')
  async resultsCsv(@Param('slug', SlugPipe) slug: string, @Res() res: Response): Promise<void> {
    sendCsv(res, await this.evaluations.csv(await this.evaluations.results(slug)));
  }

  /** An organisation's accreditors see the results of the versions it accredits. */
  @Public()
  @Get('organisations/:id/courses/:slug/evaluation/results')
  async organisationResults(@Param('id', IdPipe) id: string, @Param('slug', SlugPipe) slug: string, @Req() req: Request): Promise<EvaluationResultsResponse> {
    return this.evaluations.resultsFor(await this.access.require(callerOf(req), id, 'accreditor', false), slug);
  }

  @Public()
  @Get('organisations/:id/courses/:slug/evaluation/results.csv')
  async organisationResultsCsv(@Param('id', IdPipe) id: string, @Param('slug', SlugPipe) slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendCsv(res, await this.evaluations.csv(await this.evaluations.resultsFor(await this.access.require(callerOf(req), id, 'accreditor', false), slug)));
  }
}

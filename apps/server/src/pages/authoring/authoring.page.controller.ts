import { Body, Controller, Get, HttpCode, Param, Post, Query, Render, Req, Res, StreamableFile, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthoringService } from '@themis/catalog';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';
import { OptionalPositiveIntPipe, PositiveInt, SlugPipe } from '../../infra/params';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { AuthoringPagesService } from './authoring-pages.service';

type Form = Record<string, unknown>;

@UseFilters(PageErrorFilter)
@Controller('staff')
export class AuthoringPageController {
  constructor(private readonly pages: AuthoringPagesService, private readonly authoring: AuthoringService) {}

  @RequirePermission(Permission.AuthorCourses)
  @Get('authoring/:slug/lessons/:lesson')
  async lesson(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.lessonEditor(user, slug, lesson));
  }

  @RequirePermission(Permission.AuthorCourses)
  @Post('authoring/:slug/lessons/:lesson')
  async saveLesson(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.postLesson(user, slug, lesson, body));
  }

  @RequirePermission(Permission.AuthorCourses)
  @Post('authoring/:slug/lessons/:lesson/deletion')
  async deleteLesson(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.deleteLesson(user, slug, lesson, body));
  }
}

/** JSON endpoints for the editor script, on the page side so they use the session cookie and CSRF header. */
@Controller('staff/authoring')
export class AuthoringScriptController {
  constructor(private readonly pages: AuthoringPagesService, private readonly authoring: AuthoringService) {}

  @RequirePermission(Permission.AuthorCourses)
  @HttpCode(200)
  @Post('preview')
  preview(@Body() body: Form): Promise<{ html: string }> {
    return this.authoring.preview(typeof body?.['markdown'] === 'string' ? body['markdown'] : '');
  }

  @RequirePermission(Permission.AuthorCourses)
  @HttpCode(200)
  @Post(':slug/lessons/:lesson/autosave')
  autosave(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.pages.saveLesson(user, slug, lesson, body);
  }
}

@UseFilters(PageErrorFilter)
@Controller('staff')
export class ReportPageController {
  constructor(private readonly pages: AuthoringPagesService) {}

  @RequirePermission(Permission.ViewReports)
  @Get('reports/:slug')
  @Render('pages/authoring/report')
  report(@Param('slug', SlugPipe) slug: string, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<object> {
    return this.pages.report(slug, version);
  }

  /** The CSV under the session cookie (the API's report.csv wants a Bearer token, which a browser link cannot send). */
  @RequirePermission(Permission.ViewReports)
  @Get('reports/:slug/report.csv')
  async csv(@Param('slug', SlugPipe) slug: string, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<StreamableFile> {
    const { filename, body } = await this.pages.reportCsv(slug, version);
    return new StreamableFile(Buffer.from(`\uFEFF${body}`, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
  }
}

import { Body, Controller, Get, Param, Post, Query, Redirect, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Audited } from '@themis/certification';
import { Permission, RequirePermission } from '@themis/identity';
import { IdPipe, SlugPipe } from '../../infra/params';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { AdminPagesService } from './admin-pages.service';

type Form = Record<string, unknown>;

@UseFilters(PageErrorFilter)
@Controller()
export class StaffPageController {
  constructor(private readonly pages: AdminPagesService) {}

  @RequirePermission(Permission.ViewReports)
  @Get('staff/courses')
  @Render('pages/admin/courses')
  courses(): Promise<object> {
    return this.pages.courses();
  }

  @RequirePermission(Permission.ViewAnswerKeys)
  @Get('staff/courses/:slug/quizzes/:quiz')
  @Render('pages/admin/answer-key')
  answerKey(@Param('slug', SlugPipe) slug: string, @Param('quiz', SlugPipe) quiz: string): Promise<object> {
    return this.pages.answerKey(slug, quiz);
  }

  @RequirePermission(Permission.ViewReports)
  @Get('staff/courses/:slug/progress')
  @Render('pages/admin/progress')
  progress(@Param('slug', SlugPipe) slug: string): Promise<object> {
    return this.pages.learnersProgress(slug);
  }

  @RequirePermission(Permission.ManageUsers)
  @Get('admin/users')
  @Render('pages/admin/users')
  users(@Query('created') created?: string, @Query('updated') updated?: string, @Query('q') q?: string, @Query('page') page?: string): Promise<object> {
    return this.pages.usersPage({ created: created === '1', updated: updated === '1', q, page });
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.create')
  @Post('admin/users')
  async createUser(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.createUser(body));
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.role_change', 'id')
  @Post('admin/users/:id/role')
  @Redirect('/', 303)
  setRole(@Param('id', IdPipe) id: string, @Body() body: Form): Promise<{ url: string }> {
    return this.pages.setRole(id, body);
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.deactivate', 'id')
  @Post('admin/users/:id/deactivation')
  @Redirect('/', 303)
  deactivate(@Param('id', IdPipe) id: string): Promise<{ url: string }> {
    return this.pages.accountAction(id, 'deactivate');
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.activate', 'id')
  @Post('admin/users/:id/activation')
  @Redirect('/', 303)
  activate(@Param('id', IdPipe) id: string): Promise<{ url: string }> {
    return this.pages.accountAction(id, 'activate');
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.unlock', 'id')
  @Post('admin/users/:id/unlock')
  @Redirect('/', 303)
  unlock(@Param('id', IdPipe) id: string): Promise<{ url: string }> {
    return this.pages.accountAction(id, 'unlock');
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.password_reset_link', 'id')
  @Post('admin/users/:id/password-reset')
  @Redirect('/', 303)
  sendResetLink(@Param('id', IdPipe) id: string): Promise<{ url: string }> {
    return this.pages.accountAction(id, 'password-reset');
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.mfa_reset', 'id')
  @Post('admin/users/:id/mfa-reset')
  @Redirect('/', 303)
  resetMfa(@Param('id', IdPipe) id: string): Promise<{ url: string }> {
    return this.pages.accountAction(id, 'mfa-reset');
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Get('admin/verifiers')
  @Render('pages/admin/verifiers')
  verifiers(@Query('revoked') revoked: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<object> {
    return this.pages.verifiersPage({ revoked: revoked === '1', created: this.pages.newKey.open(req, res) });
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Audited('verifier.create')
  @Post('admin/verifiers')
  async createVerifier(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.createVerifier(body, (created) => this.pages.newKey.seal(req, res, created)));
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Audited('verifier.revoke', 'id')
  @Post('admin/verifiers/:id/revocation')
  @Redirect('/', 303)
  revokeVerifier(@Param('id', IdPipe) id: string): Promise<{ url: string }> {
    return this.pages.revokeVerifier(id);
  }
}

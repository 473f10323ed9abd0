import { Body, Controller, Get, Header, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Audited } from '@themis/certification';
import { CurrentUser, MfaSetupAllowed, SessionUser } from '@themis/identity';
import { AccountDataService } from '../../accounts/account-data.service';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { AccountPagesService } from './account-pages.service';

type Form = Record<string, unknown>;

@UseFilters(PageErrorFilter)
@Controller('profile')
export class AccountPageController {
  constructor(private readonly pages: AccountPagesService, private readonly data: AccountDataService) {}

  @Get('security')
  @Render('pages/account/security')
  security(@CurrentUser() user: SessionUser, @Query('notice') notice?: string): Promise<object> {
    return this.pages.security(user, notice);
  }

  @Post('password')
  async changePassword(@CurrentUser() user: SessionUser, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.changePassword(user, body, req.ip ?? 'unknown'));
  }

  @Post('email')
  async changeEmail(@CurrentUser() user: SessionUser, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.changeEmail(user, body, req.ip ?? 'unknown'));
  }

  @Post('sessions/end-all')
  async endAll(@CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.endAllSessions(user));
  }

  @Get('data.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="themis-my-data.json"')
  myData(@CurrentUser() user: SessionUser): Promise<object> {
    return this.data.export(user.id);
  }

  @Audited('account.close')
  @Post('closure')
  async close(@CurrentUser() user: SessionUser, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.closeAccount(user, body, req.ip ?? 'unknown'));
  }

  @MfaSetupAllowed()
  @Get('mfa')
  @Render('pages/account/mfa')
  mfa(@CurrentUser() user: SessionUser): Promise<object> {
    return this.pages.mfaPage(user);
  }

  @MfaSetupAllowed()
  @Post('mfa/start')
  async startMfa(@CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.startMfa(user));
  }

  @MfaSetupAllowed()
  @Post('mfa/confirmation')
  async confirmMfa(@CurrentUser() user: SessionUser, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.confirmMfa(user, body));
  }
}

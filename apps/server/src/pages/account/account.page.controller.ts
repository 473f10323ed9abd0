import { Body, Controller, Get, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, MfaSetupAllowed, SessionUser } from '@themis/identity';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { AccountPagesService } from './account-pages.service';

type Form = Record<string, unknown>;

@UseFilters(PageErrorFilter)
@Controller('profile')
export class AccountPageController {
  constructor(private readonly pages: AccountPagesService) {}

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

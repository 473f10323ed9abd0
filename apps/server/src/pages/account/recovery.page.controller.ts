import { Body, Controller, Get, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@themis/identity';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { RecoveryPagesService } from './recovery-pages.service';

type Form = Record<string, unknown>;

/** A link in a mail opens a form (GET changes nothing: mail scanners follow links); the form's POST acts. */
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class RecoveryPageController {
  constructor(private readonly pages: RecoveryPagesService) {}

  @Get('forgot-password')
  @Render('pages/account/forgot-password')
  forgotForm(): object {
    return { title: 'reset.title' };
  }

  @Post('forgot-password')
  async forgot(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.requestReset(body, req.ip ?? 'unknown'));
  }

  @Get('reset-password')
  @Render('pages/account/reset-password')
  resetForm(@Query('token') token?: string): object {
    return this.pages.resetForm(token);
  }

  @Post('reset-password')
  async reset(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.confirmReset(body));
  }

  @Get('confirm-email')
  @Render('pages/account/confirm-email')
  confirmEmailForm(@Query('token') token?: string): object {
    return this.pages.confirmEmailForm(token);
  }

  @Post('confirm-email')
  async confirmEmail(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.confirmEmail(body));
  }
}

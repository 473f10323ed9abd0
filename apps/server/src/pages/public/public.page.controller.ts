import { Body, Controller, Get, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthenticatedUser, CurrentUser, Public, SessionUser } from '@themis/identity';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { PublicPagesService } from './public-pages.service';

type Form = Record<string, unknown>;

@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class PublicPageController {
  constructor(private readonly pages: PublicPagesService) {}

  @Get()
  @Render('pages/home')
  async home(@Query('audience') audience?: string, @Query('closed') closed?: string): Promise<object> {
    return { ...(await this.pages.home(audience)), closed: closed === '1' };
  }

  @Get('sign-in')
  @Render('pages/sign-in')
  signInForm(@Query('next') next?: string, @Query('notice') notice?: string): object {
    return this.pages.signInForm(next, notice);
  }

  @Post('sign-in')
  async signIn(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.signIn(body, req.ip ?? 'unknown'));
  }

  @Post('sign-in/mfa')
  async signInMfa(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.signInMfa(body));
  }

  @Get('sign-up')
  @Render('pages/sign-up')
  signUpForm(@Res({ passthrough: true }) res: Response): object {
    return this.pages.signUpForm(res.locals['locale']);
  }

  @Post('sign-up')
  async signUp(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.signUp(body, req.ip ?? 'unknown'));
  }

  @Post('sign-out')
  async signOut(@CurrentUser() user: SessionUser | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.signOut(user));
  }

  @Post('language')
  async language(@Body() body: Form, @CurrentUser() user: AuthenticatedUser | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.setLanguage(user, body));
  }
}

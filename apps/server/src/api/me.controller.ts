import { Body, Controller, Delete, Get, Header, HttpCode, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  ChangePasswordDto, CloseAccountDto, CurrentUser, EmailChangeDto, EmailChangeService, MfaCodeDto, MfaService, MfaSetupAllowed, PasswordService, SessionService, SessionUser, TokenResponse, TotpSetupResponse, UpdateProfileDto, UserResponse, UsersService,
} from '@themis/identity';
import { ProgressResponse, ProgressService } from '@themis/learning';
import { AccountDataService } from '../accounts/account-data.service';
import { Audited } from '@themis/certification';

@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly progress: ProgressService,
    private readonly passwords: PasswordService,
    private readonly mfa: MfaService,
    private readonly sessions: SessionService,
    private readonly emails: EmailChangeService,
    private readonly data: AccountDataService,
  ) {}

  /** Everything Themis holds about you, as one JSON file. */
  @Get('data')
  @Header('Content-Disposition', 'attachment; filename="themis-my-data.json"')
  @Header('Cache-Control', 'private, no-store')
  myData(@CurrentUser() user: SessionUser): Promise<object> {
    return this.data.export(user.id);
  }

  /** Closes the account (what is kept and why: README, "Your data"). */
  @HttpCode(204)
  @Audited('account.close')
  @Post('closure')
  close(@CurrentUser() user: SessionUser, @Body() dto: CloseAccountDto, @Req() req: Request): Promise<void> {
    return this.data.close(user.id, dto.currentPassword, req.ip ?? 'unknown');
  }

  @MfaSetupAllowed()
  @Get()
  me(@CurrentUser() user: SessionUser): Promise<UserResponse> {
    return this.users.findById(user.id);
  }

  @Patch()
  update(@CurrentUser() user: SessionUser, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return this.users.updateProfile(user.id, dto);
  }

  @Get('progress')
  myProgress(@CurrentUser() user: SessionUser): Promise<ProgressResponse[]> {
    return this.progress.listForUser(user.id);
  }

  @HttpCode(200)
  @Post('password')
  changePassword(@CurrentUser() user: SessionUser, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<TokenResponse> {
    return this.passwords.change(user.id, dto.currentPassword, dto.newPassword, req.ip ?? 'unknown');
  }

  /** A confirmation link goes to the new address; the account changes when it is followed, and the old address is told. */
  @HttpCode(202)
  @Post('email-change')
  changeEmail(@CurrentUser() user: SessionUser, @Body() dto: EmailChangeDto, @Req() req: Request): Promise<Record<string, never>> {
    return this.emails.request(user.id, dto.email, dto.currentPassword, req.ip ?? 'unknown');
  }

  /** "Sign out everywhere": every session of this account ends, this one included. */
  @HttpCode(204)
  @Delete('sessions')
  signOutEverywhere(@CurrentUser() user: SessionUser): Promise<void> {
    return this.sessions.endAllForUser(user.id);
  }

  @MfaSetupAllowed()
  @Post('mfa/totp')
  async beginTotp(@CurrentUser() user: SessionUser): Promise<TotpSetupResponse> {
    return this.mfa.begin(user.id, (await this.users.findById(user.id)).email);
  }

  @MfaSetupAllowed()
  @HttpCode(200)
  @Post('mfa/totp/confirmation')
  confirmTotp(@CurrentUser() user: SessionUser, @Body() dto: MfaCodeDto): Promise<{ mfaEnabled: true }> {
    return this.mfa.confirm(user.id, dto.code);
  }
}

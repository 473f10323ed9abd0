import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  AuthService, CheckedUser, CurrentUser, EmailChangeService, LocalAuthGuard, MfaLoginDto, MfaSetupAllowed, PasswordResetConfirmDto, PasswordResetRequestDto, PasswordResetService, Public, RegisterDto,
  SessionService, SessionUser, SignInResponse, TokenDto, TokenResponse, UserResponse, UsersService,
} from '@themis/identity';

@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly resets: PasswordResetService,
    private readonly emails: EmailChangeService,
  ) {}

  @Public()
  @Post('register')
  register(@Body() dto: RegisterDto, @Req() req: Request): Promise<UserResponse> {
    return this.users.register(dto, req.ip ?? 'unknown');
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @Post('login')
  login(@Req() req: { user: CheckedUser }): Promise<SignInResponse> {
    return this.auth.signIn(req.user);
  }

  @Public()
  @HttpCode(200)
  @Post('login/mfa')
  loginMfa(@Body() dto: MfaLoginDto): Promise<TokenResponse> {
    return this.auth.signInWithCode(dto.mfaToken, dto.code);
  }

  // Signing out gives nothing away: a staff session held back by REQUIRE_STAFF_MFA may still end itself.
  @MfaSetupAllowed()
  @HttpCode(204)
  @Post('logout')
  logout(@CurrentUser() user: SessionUser): Promise<void> {
    return this.sessions.end(user.sessionId);
  }

  /** 202 {} whether or not the account exists: the lookup and the mail happen in a background job. */
  @Public()
  @HttpCode(202)
  @Post('password-reset')
  requestReset(@Body() dto: PasswordResetRequestDto, @Req() req: Request): Promise<Record<string, never>> {
    return this.resets.request(dto.email, req.ip ?? 'unknown');
  }

  @Public()
  @HttpCode(200)
  @Post('password-reset/confirm')
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<Record<string, never>> {
    return this.resets.confirm(dto.token, dto.password);
  }

  /** The link sent to a new address (POST /api/v1/me/email-change): the token proves it, no sign-in needed. */
  @Public()
  @HttpCode(200)
  @Post('email-confirmation')
  confirmEmail(@Body() dto: TokenDto): Promise<UserResponse> {
    return this.emails.confirm(dto.token);
  }
}

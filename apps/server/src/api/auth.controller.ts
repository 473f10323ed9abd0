import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  AuthService, CheckedUser, CurrentUser, LocalAuthGuard, MfaLoginDto, Public, RegisterDto, SessionService, SessionUser, SignInResponse, TokenResponse, UserResponse, UsersService,
} from '@themis/identity';

@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly users: UsersService, private readonly auth: AuthService, private readonly sessions: SessionService) {}

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

  @HttpCode(204)
  @Post('logout')
  logout(@CurrentUser() user: SessionUser): Promise<void> {
    return this.sessions.end(user.sessionId);
  }
}

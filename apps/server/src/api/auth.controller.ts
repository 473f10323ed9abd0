import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { AuthenticatedUser, AuthService, LocalAuthGuard, Public, RegisterDto, TokenResponse, UserResponse, UsersService } from '@themis/identity';

@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly users: UsersService, private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  register(@Body() dto: RegisterDto): Promise<UserResponse> {
    return this.users.register(dto);
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @Post('login')
  login(@Req() req: { user: AuthenticatedUser }): TokenResponse {
    return this.auth.issueToken(req.user);
  }
}

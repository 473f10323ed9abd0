import { Body, Controller, Get, Patch } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser, UpdateProfileDto, UserResponse, UsersService } from '@themis/identity';
import { ProgressResponse, ProgressService } from '@themis/learning';

@Controller('api/v1/me')
export class MeController {
  constructor(private readonly users: UsersService, private readonly progress: ProgressService) {}

  @Get()
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserResponse> {
    return this.users.findById(user.id);
  }

  @Patch()
  update(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return this.users.updateProfile(user.id, dto);
  }

  @Get('progress')
  myProgress(@CurrentUser() user: AuthenticatedUser): Promise<ProgressResponse[]> {
    return this.progress.listForUser(user.id);
  }
}

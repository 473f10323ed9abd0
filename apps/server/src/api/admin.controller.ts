import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { Audited, PageQueryDto } from '@themis/certification';
import {
  AccountAdminService, CreatedVerifierResponse, CreateUserDto, CreateVerifierDto, Permission, RequirePermission, SetRoleDto, UserResponse, UserSearchResponse, UsersService, VerifierResponse, VerifiersService,
} from '@themis/identity';
import { OrganisationsService } from '@themis/organisations';
import { IdPipe } from '../infra/params';

@Controller('api/v1/admin')
export class AdminController {
  constructor(private readonly users: UsersService, private readonly accounts: AccountAdminService, private readonly verifiers: VerifiersService, private readonly organisations: OrganisationsService) {}

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.create')
  @Post('users')
  createUser(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.createByAdmin(dto);
  }

  /** Find users by email, name or bar number, a page at a time (`?query=&limit=&offset=`). */
  @RequirePermission(Permission.ManageUsers)
  @Get('users')
  listUsers(@Query() q: PageQueryDto): Promise<UserSearchResponse> {
    return this.accounts.search(q.query, q.limit, q.offset);
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.role_change', 'id')
  @Put('users/:id/role')
  setRole(@Param('id', IdPipe) id: string, @Body() dto: SetRoleDto): Promise<UserResponse> {
    return this.accounts.setRole(id, dto.role);
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.deactivate', 'id')
  @HttpCode(200)
  @Post('users/:id/deactivation')
  deactivate(@Param('id', IdPipe) id: string): Promise<UserResponse> {
    return this.accounts.deactivate(id);
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.activate', 'id')
  @HttpCode(200)
  @Post('users/:id/activation')
  activate(@Param('id', IdPipe) id: string): Promise<UserResponse> {
    return this.accounts.activate(id);
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.unlock', 'id')
  @HttpCode(200)
  @Post('users/:id/unlock')
  unlock(@Param('id', IdPipe) id: string): Promise<UserResponse> {
    return this.accounts.unlock(id);
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.password_reset_link', 'id')
  @HttpCode(202)
  @Post('users/:id/password-reset')
  sendResetLink(@Param('id', IdPipe) id: string): Promise<UserResponse> {
    return this.accounts.sendResetLink(id);
  }

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.mfa_reset', 'id')
  @HttpCode(200)
  @Post('users/:id/mfa-reset')
  resetMfa(@Param('id', IdPipe) id: string): Promise<UserResponse> {
    return this.accounts.resetMfa(id);
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Audited('verifier.create')
  @Post('verifiers')
  createVerifier(@Body() dto: CreateVerifierDto): Promise<CreatedVerifierResponse> {
    return this.organisations.createVerifier(dto);
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Get('verifiers')
  listVerifiers(): Promise<VerifierResponse[]> {
    return this.verifiers.list();
  }

  @RequirePermission(Permission.ManageVerifiers)
  @HttpCode(200)
  @Audited('verifier.revoke', 'id')
  @Post('verifiers/:id/revocation')
  revokeVerifier(@Param('id', IdPipe) id: string): Promise<VerifierResponse> {
    return this.verifiers.revoke(id);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Audited } from '@themis/certification';
import { CreatedVerifierResponse, CreateUserDto, CreateVerifierDto, Permission, RequirePermission, UserResponse, UsersService, VerifierResponse, VerifiersService } from '@themis/identity';
import { OrganisationsService } from '@themis/organisations';
import { IdPipe } from '../infra/params';

@Controller('api/v1/admin')
export class AdminController {
  constructor(private readonly users: UsersService, private readonly verifiers: VerifiersService, private readonly organisations: OrganisationsService) {}

  @RequirePermission(Permission.ManageUsers)
  @Audited('user.create')
  @Post('users')
  createUser(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.createByAdmin(dto);
  }

  @RequirePermission(Permission.ManageUsers)
  @Get('users')
  listUsers(): Promise<UserResponse[]> {
    return this.users.list();
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

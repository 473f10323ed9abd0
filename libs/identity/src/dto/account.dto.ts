import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '@themis/core';
import type { Role } from '@themis/core';

export class ChangePasswordDto {
  @IsString({ message: 'currentPassword must be text' })
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(256)
  currentPassword: string;

  // The rule itself (length, common, score, personal words) is checked against the account in the service.
  @IsString({ message: 'newPassword must be text' })
  @MaxLength(256, { message: 'newPassword must be at most 256 characters long' })
  newPassword: string;
}

export class SetRoleDto {
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role: Role;
}

export class MfaCodeDto {
  @IsString({ message: 'code must be text' })
  @MinLength(1, { message: 'code must not be empty' })
  @MaxLength(32, { message: 'code is too long' })
  code: string;
}

export class MfaLoginDto extends MfaCodeDto {
  @IsString({ message: 'mfaToken must be text' })
  @MinLength(1, { message: 'mfaToken must not be empty' })
  @MaxLength(128, { message: 'mfaToken is too long' })
  mfaToken: string;
}

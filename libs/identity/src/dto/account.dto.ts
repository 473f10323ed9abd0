import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
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

export class PasswordResetRequestDto {
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters long' })
  email: string;
}

export class PasswordResetConfirmDto {
  @IsString({ message: 'token must be text' })
  @MinLength(1, { message: 'token must not be empty' })
  @MaxLength(100, { message: 'token is unknown, already used or expired; ask for a new link' })
  token: string;

  // The rule (length, common, score, personal words) is checked against the account in the service.
  @IsString({ message: 'password must be text' })
  @MaxLength(256, { message: 'password must be at most 256 characters long' })
  password: string;
}

export class EmailChangeDto {
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters long' })
  email: string;

  @IsString({ message: 'currentPassword must be text' })
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(256)
  currentPassword: string;
}

export class TokenDto {
  @IsString({ message: 'token must be text' })
  @MinLength(1, { message: 'token must not be empty' })
  @MaxLength(100, { message: 'token is unknown, already used or expired' })
  token: string;
}

export class CloseAccountDto {
  @IsString({ message: 'currentPassword must be text' })
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(256)
  currentPassword: string;
}

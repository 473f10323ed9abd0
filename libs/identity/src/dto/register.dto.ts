import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsBarNumber, normalizeName, PROFESSIONS, ROLES, SUPPORTED_LOCALES } from '@themis/core';
import type { Locale, Profession, Role } from '@themis/core';
import { IsAcceptablePassword } from '../passwords/acceptable-password.validator';
import { HasFewCombiningMarks, IsPracticalEmail } from './contact-fields';

const trimName = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeName(value) : value);
// Letters of any script, marks, spaces, apostrophes, hyphens and dots: names like "Aytən Məmmədova" or "Гюльнара Алиева".
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}' .\u2019-]*$/u;

/** The fields every account is created with, by sign-up or by an admin. */
class AccountFieldsDto {
  @IsEmail({}, { message: 'email must be a valid email address' })
  @IsPracticalEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @IsAcceptablePassword()
  password: string;

  @Transform(trimName)
  @IsString()
  @MinLength(1, { message: 'fullName must not be empty' })
  @MaxLength(200)
  @Matches(NAME_PATTERN, { message: 'fullName must contain only letters, spaces, hyphens, apostrophes and dots' })
  @HasFewCombiningMarks()
  fullName: string;
}

export class RegisterDto extends AccountFieldsDto {
  @IsIn(PROFESSIONS, { message: `profession must be one of: ${PROFESSIONS.join(', ')}` })
  profession: Profession;

  @IsOptional()
  @IsBarNumber()
  barNumber?: string;

  @IsOptional()
  @IsIn(SUPPORTED_LOCALES, { message: `locale must be one of: ${SUPPORTED_LOCALES.join(', ')}` })
  locale?: Locale;
}

export class CreateUserDto extends AccountFieldsDto {
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role: Role;

  @IsOptional()
  @IsIn(PROFESSIONS, { message: `profession must be one of: ${PROFESSIONS.join(', ')}` })
  profession?: Profession;

  @IsOptional()
  @IsBarNumber()
  barNumber?: string;

  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  locale?: Locale;
}

export class UpdateProfileDto {
  @IsOptional()
  @Transform(trimName)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NAME_PATTERN, { message: 'fullName must contain only letters, spaces, hyphens, apostrophes and dots' })
  @HasFewCombiningMarks()
  fullName?: string;

  @IsOptional()
  @IsIn(PROFESSIONS, { message: `profession must be one of: ${PROFESSIONS.join(', ')}` })
  profession?: Profession;

  @IsOptional()
  @IsBarNumber({ allowEmpty: true })
  barNumber?: string;

  @IsOptional()
  @IsIn(SUPPORTED_LOCALES, { message: `locale must be one of: ${SUPPORTED_LOCALES.join(', ')}` })
  locale?: Locale;
}

export class LoginDto {
  @IsString({ message: 'email must be text' })
  @MinLength(1, { message: 'email must not be empty' })
  @MaxLength(254)
  email: string;

  @IsString({ message: 'password must be text' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(256)
  password: string;
}

export interface UserResponse {
  id: string;
  email: string;
  fullName: string;
  profession: Profession;
  barNumber: string | null;
  locale: Locale;
  role: Role;
  createdAt: string;
  active: boolean;
  mfaEnabled: boolean;
}

export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

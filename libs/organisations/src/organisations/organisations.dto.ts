import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { IsBarNumber } from '@themis/core';
import { isTimeZone } from '../rules/cle.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@ValidatorConstraint({ name: 'timeZone' })
class TimeZoneConstraint implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    return typeof v === 'string' && v.length <= 64 && isTimeZone(v);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Asia/Baku';
  }
}

export class CreateOrganisationDto {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @Validate(TimeZoneConstraint)
  timeZone?: string;
}

export class GrantDto {
  @IsUUID()
  userId: string;

  @IsIn(['clerk', 'accreditor'])
  grant: 'clerk' | 'accreditor';
}

export class ClaimMembershipDto {
  @IsUUID()
  organisationId: string;

  @Transform(trim)
  @IsBarNumber()
  barNumber: string;
}

export class DecideMembershipDto {
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ExemptionDto {
  @Transform(trim)
  @IsBarNumber()
  barNumber: string;

  @Transform(trim)
  @IsString()
  @Length(2, 500)
  reason: string;

  @IsString()
  @Length(10, 10)
  fromDay: string;

  @IsString()
  @Length(10, 10)
  toDay: string;
}

export interface OrganisationResponse {
  id: string;
  name: string;
  timeZone: string;
}

export interface MembershipResponse {
  id: string;
  organisationId: string;
  organisationName: string;
  barNumber: string;
  status: string;
  reason: string | null;
  fullName: string;
  /** The name the roster holds for this bar number, for a clerk comparing transliterations. */
  rosterName: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface RosterUploadResponse {
  members: number;
  rejected: { line: number; message: string }[];
}

import { Transform } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class AccreditDto {
  @IsUUID()
  courseVersionId: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  number: string;

  /** Hours by category, each at most what the version grants in that category. */
  @IsObject()
  hours: Record<string, number>;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date as YYYY-MM-DD' })
  validFrom: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validTo must be a date as YYYY-MM-DD' })
  validTo?: string;
}

export interface AccreditationResponse {
  id: string;
  organisationId: string;
  courseVersionId: string;
  number: string;
  hours: Record<string, number>;
  validFrom: string;
  validTo: string | null;
}

/** What a certificate records of an accreditation when it is issued. */
export interface RecordedAccreditation {
  organisationId: string;
  organisationName: string;
  number: string;
  hours: Record<string, number>;
}

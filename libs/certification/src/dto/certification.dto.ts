import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class RevokeCertificateDto {
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason: string;
}

export class BatchVerifyDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(64, { each: true })
  codes: string[];
}

export class HolderHoursQueryDto {
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;

  // Within a PostgreSQL integer: `1e20` is an integer to JavaScript and an error to PostgreSQL.
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2147483647)
  offset: number = 0;

  @IsOptional() @IsString() @MaxLength(200)
  query?: string;
}

/** The audit log's filters: one action, actor or subject exactly, and a range of days (UTC, both ends included). */
export class AuditQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2147483647)
  offset: number = 0;

  @IsOptional() @IsString() @MaxLength(64)
  action?: string;

  @IsOptional() @IsString() @MaxLength(100)
  actor?: string;

  @IsOptional() @IsString() @MaxLength(200)
  subject?: string;

  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

export class CheckCredentialDto {
  @IsString() @IsNotEmpty() @MaxLength(20000)
  jwt: string;
}

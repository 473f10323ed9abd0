import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateVerifierDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export interface VerifierResponse {
  id: string;
  name: string;
  keyPrefix: string;
  organisationId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedVerifierResponse {
  id: string;
  name: string;
  organisationId: string | null;
  /** Shown once: only its hash is stored. */
  apiKey: string;
}

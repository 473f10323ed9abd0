import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateVerifierDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;
}

export interface VerifierResponse {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedVerifierResponse {
  id: string;
  name: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
}

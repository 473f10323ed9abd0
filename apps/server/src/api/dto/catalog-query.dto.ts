import { IsIn, IsOptional } from 'class-validator';
import { PROFESSIONS } from '@themis/core';

export class CatalogQueryDto {
  @IsOptional()
  @IsIn(PROFESSIONS, { message: `audience must be one of: ${PROFESSIONS.join(', ')}` })
  audience?: string;
}

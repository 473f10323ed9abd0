import { IsIn, IsOptional } from 'class-validator';
import { PROFESSIONS } from '@themis/core';

export class CatalogQueryDto {
  @IsOptional()
  @IsIn(PROFESSIONS, { message: `audience must be one of: ${PROFESSIONS.join(', ')}` })
  audience?: string;
}

export class EnrollmentLanguageDto {
  @IsIn(['az', 'ru', 'en'], { message: 'language must be one of: az, ru, en' })
  language!: string;
}

import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { DraftCourse } from '../course-files';

export class CreateCourseDto {
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters, digits and hyphens' })
  @MaxLength(100)
  slug: string;

  @IsString()
  @MaxLength(200)
  title: string;
}

export class RevisionDto {
  @IsInt()
  @Min(1)
  revision: number;
}

/** The whole content; the course-file validator judges it (drafts may be saved with problems). */
export class SaveDraftDto extends RevisionDto {
  @IsObject()
  content: DraftCourse;
}

export class UpdateLessonDto extends RevisionDto {
  @IsOptional() @IsString() @MaxLength(200) title?: string;
  @IsOptional() @IsInt() minutes?: number | null;
  @IsOptional() @IsString() @MaxLength(1000) contentNote?: string;
  @IsOptional() @IsString({ each: true }) cases?: string[];
  @IsOptional() @IsString() @MaxLength(200_000) markdown?: string;
}

export class PreviewDto {
  @IsString()
  @MaxLength(200_000)
  markdown: string;
}

export class GiftImportDto extends RevisionDto {
  @IsString()
  @MaxLength(200_000)
  gift: string;
}

/** The most a Moodle XML file may weigh, by the API or the editor's upload (its embedded images make it larger than GIFT). */
export const MOODLE_XML_MAX_BYTES = 1024 * 1024;

export class MoodleXmlImportDto extends RevisionDto {
  @IsString()
  @MaxLength(MOODLE_XML_MAX_BYTES)
  xml: string;
}

export class CleHoursDto {
  @IsOptional() @IsNumber() ethics?: number;
  @IsOptional() @IsNumber() substantive_law?: number;
  @IsOptional() @IsNumber() procedural_law?: number;
  @IsOptional() @IsNumber() skills?: number;
}

export class UpdateCourseMetaDto extends RevisionDto {
  @IsOptional() @IsString() @MaxLength(200) title?: string;
  @IsOptional() @IsString() @MaxLength(2000) summary?: string;
  @IsOptional() @IsIn(['en', 'az', 'ru']) language?: 'en' | 'az' | 'ru';
  @IsOptional() @IsString({ each: true }) audience?: string[];
  @IsOptional() @ValidateNested() @Type(() => CleHoursDto) cleHours?: CleHoursDto;
  @IsOptional() @IsInt() validityMonths?: number | null;
  @IsOptional() @IsInt() minLessonSeconds?: number | null;
  @IsOptional() @IsBoolean() published?: boolean;
}

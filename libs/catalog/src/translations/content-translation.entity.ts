import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseVersion } from '../entities/course-version.entity';

export type TranslatedKind = 'course' | 'module' | 'lesson' | 'quiz';

/**
 * One translated piece of a course version, rendered on import like the source (lesson
 * Markdown → sanitised HTML, citations → text): the course's or a module's texts, a lesson,
 * or a quiz's title and questions by question key. Text only; the key stays in quiz_questions.
 */
@Entity('content_translations')
@Check('content_translations_language_check', `"language" IN ('en', 'az', 'ru')`)
export class ContentTranslation {
  @PrimaryColumn({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  language: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind: TranslatedKind;

  /** The module, lesson or quiz slug; '' for the course itself. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @ManyToOne(() => CourseVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  versionRef?: CourseVersion;
}

import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, JoinColumn, ManyToOne } from 'typeorm';
import { CourseModule } from './course-module.entity';
import { CourseVersion } from './course-version.entity';
import type { CaseRef } from '../format/course-source';

@Entity('lessons')
@Unique('lessons_version_slug_key', ['versionId', 'slug'])
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('lessons_version_idx')
  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId: string;

  @Column({ type: 'varchar', length: 100 })
  slug: string;

  /** Order within the whole course, for previous/next. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'int', nullable: true })
  minutes: number | null;

  /** Sanitised once on import; pages print it as is. */
  @Column({ type: 'text' })
  html: string;

  @Column({ name: 'content_note', type: 'text', nullable: true })
  contentNote: string | null;

  @Column({ name: 'case_refs', type: 'jsonb', default: () => `'[]'` })
  caseRefs: CaseRef[];

  @ManyToOne(() => CourseVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  versionRef?: CourseVersion;

  @ManyToOne(() => CourseModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id' })
  moduleRef?: CourseModule;
}

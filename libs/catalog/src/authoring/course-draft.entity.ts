import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DraftCourse } from './course-files';

/**
 * The one open draft of a course (a new course, or the next version of an existing one).
 * `revision` goes up on every save; a save that names an older revision is refused, so two
 * trainers never overwrite each other without knowing.
 */
@Entity('course_drafts')
export class CourseDraft {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('course_drafts_slug_key', { unique: true })
  @Column({ name: 'course_slug', type: 'varchar', length: 100 })
  courseSlug: string;

  /** The version the draft started from; null for a course that has none yet. */
  @Column({ name: 'base_version', type: 'int', nullable: true })
  baseVersion: number | null;

  @Column({ type: 'jsonb' })
  content: DraftCourse;

  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_by_name', type: 'varchar', length: 200 })
  updatedByName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

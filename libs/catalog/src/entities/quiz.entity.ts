import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, JoinColumn, ManyToOne } from 'typeorm';
import { CourseModule } from './course-module.entity';
import { CourseVersion } from './course-version.entity';
import type { DrawSource, ReviewSource } from '../format/course-source';

@Entity('quizzes')
@Unique('quizzes_version_slug_key', ['versionId', 'slug'])
export class Quiz {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('quizzes_version_idx')
  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId: string;

  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'pass_mark', type: 'int' })
  passMark: number;

  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts: number;

  @Column({ name: 'time_limit_seconds', type: 'int', nullable: true })
  timeLimitSeconds: number | null;

  /** Null: the default, explanations once passed. */
  @Column({ type: 'jsonb', nullable: true })
  review: ReviewSource | null;

  /** Null: every question in every attempt. */
  @Column({ type: 'jsonb', nullable: true })
  draw: DrawSource | null;

  @ManyToOne(() => CourseVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  versionRef?: CourseVersion;

  @ManyToOne(() => CourseModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id' })
  moduleRef?: CourseModule;
}

import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, JoinColumn, ManyToOne } from 'typeorm';
import { CourseVersion } from './course-version.entity';

@Entity('course_modules')
@Unique('course_modules_version_slug_key', ['versionId', 'slug'])
export class CourseModule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('course_modules_version_idx')
  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  outcomes: string[];

  @ManyToOne(() => CourseVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  versionRef?: CourseVersion;
}

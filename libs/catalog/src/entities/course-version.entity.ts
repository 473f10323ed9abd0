import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CourseSource } from '../format/course-source';
import { Course } from './course.entity';

/** One immutable version of a course; learners stay on the version they enrolled in. */
@Entity('course_versions')
@Unique('course_versions_course_version_key', ['courseId', 'version'])
export class CourseVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('course_versions_course_idx')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  @Column({ type: 'text', array: true })
  audience: string[];

  @Column({ name: 'cle_hours', type: 'numeric', precision: 6, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  cleHours: number;

  @Column({ name: 'cle_categories', type: 'jsonb' })
  cleCategories: Record<string, number>;

  @Column({ name: 'validity_months', type: 'int', nullable: true })
  validityMonths: number | null;

  @Column({ name: 'min_lesson_seconds', type: 'int', nullable: true })
  minLessonSeconds: number | null;

  @Column({ name: 'lessons_before_quiz', type: 'boolean', default: false })
  lessonsBeforeQuiz: boolean;

  @Column({ type: 'boolean', default: true })
  published: boolean;

  /** The whole course as its files said, for export, diffs and authoring. */
  @Column({ type: 'jsonb' })
  source: CourseSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique, JoinColumn, ManyToOne } from 'typeorm';
import { Course, CourseVersion } from '@themis/catalog';
import { User } from '@themis/identity';

/** A learner on one course, pinned to the version they enrolled in. */
@Entity('enrollments')
@Check('enrollments_language_check', `"language" IN ('en', 'az', 'ru')`)
@Unique('enrollments_user_course_key', ['userId', 'courseId'])
@Index('enrollments_version_idx', ['versionId', 'completedAt'])
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'enrolled_at', type: 'timestamptz', default: () => 'now()' })
  enrolledAt: Date;

  /** First lesson opened or first quiz attempt started: the trainer report's "started" without a scan of either. */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** The content language the learner chose (az, ru, en); null: the interface language, else the course's own. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: string | null;

  /** Set in the transaction that completes the course, by the certificate issuer. */
  @Column({ name: 'certificate_code', type: 'varchar', length: 32, nullable: true })
  certificateCode: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  userRef?: User;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  courseRef?: Course;

  @ManyToOne(() => CourseVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  versionRef?: CourseVersion;
}

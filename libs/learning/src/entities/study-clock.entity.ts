import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one lesson a learner's study time runs on, since `since` (issue 21): opening another lesson
 * moves the clock, so two lessons open side by side never both count.
 */
@Entity('study_clocks')
export class StudyClock {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'enrollment_id', type: 'uuid', nullable: true })
  enrollmentId: string | null;

  @Column({ name: 'lesson_id', type: 'uuid', nullable: true })
  lessonId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  since: Date;
}

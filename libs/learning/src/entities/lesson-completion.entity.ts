import { Column, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Lesson } from '@themis/catalog';
import { Enrollment } from './enrollment.entity';

@Entity('lesson_completions')
// Seconds on task in the index: the report reads a lesson's count, average and median from it alone.
@Index('lesson_completions_lesson_seconds_idx', ['lessonId', 'secondsOnTask'])
export class LessonCompletion {
  @PrimaryColumn({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @PrimaryColumn({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @Column({ name: 'completed_at', type: 'timestamptz', default: () => 'now()' })
  completedAt: Date;

  /** Time on task: from the first opening to completion, capped (see LessonTimer). */
  @Column({ name: 'seconds_on_task', type: 'int', nullable: true })
  secondsOnTask: number | null;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollmentRef?: Enrollment;

  @ManyToOne(() => Lesson, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_id' })
  lessonRef?: Lesson;
}

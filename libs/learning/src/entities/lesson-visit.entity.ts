import { Column, Entity, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Lesson } from '@themis/catalog';
import { Enrollment } from './enrollment.entity';

/** When a learner first opened a lesson: the start of its time on task. */
@Entity('lesson_visits')
export class LessonVisit {
  @PrimaryColumn({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @PrimaryColumn({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @Column({ name: 'first_opened_at', type: 'timestamptz', default: () => 'now()' })
  firstOpenedAt: Date;

  /** Study time on this lesson so far, added each time the learner's study clock leaves it (StudyClock). */
  @Column({ name: 'seconds_accrued', type: 'int', default: 0 })
  secondsAccrued: number;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollmentRef?: Enrollment;

  @ManyToOne(() => Lesson, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_id' })
  lessonRef?: Lesson;
}

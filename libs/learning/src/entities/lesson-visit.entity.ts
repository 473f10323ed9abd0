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

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollmentRef?: Enrollment;

  @ManyToOne(() => Lesson, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_id' })
  lessonRef?: Lesson;
}

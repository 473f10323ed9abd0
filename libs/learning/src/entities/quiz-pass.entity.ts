import { Column, Entity, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Quiz } from '@themis/catalog';
import { Enrollment } from './enrollment.entity';

/** The first passing attempt of a quiz within an enrolment; written by assessment in the grading transaction. */
@Entity('quiz_passes')
export class QuizPass {
  @PrimaryColumn({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @PrimaryColumn({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  @Column({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  @Column({ name: 'passed_at', type: 'timestamptz', default: () => 'now()' })
  passedAt: Date;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollmentRef?: Enrollment;

  @ManyToOne(() => Quiz, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quiz_id' })
  quizRef?: Quiz;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An extra attempt or extra time on an attempt, granted by a trainer or admin with a reason (also in the audit log). */
@Entity('quiz_grants')
@Index('quiz_grants_enrollment_quiz_idx', ['enrollmentId', 'quizId'])
export class QuizGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @Column({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  @Column({ name: 'extra_attempts', type: 'int', default: 0 })
  extraAttempts: number;

  @Column({ name: 'extra_seconds', type: 'int', default: 0 })
  extraSeconds: number;

  /** The attempt given extra time. */
  @Column({ name: 'attempt_id', type: 'uuid', nullable: true })
  attemptId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'granted_by', type: 'uuid' })
  grantedBy: string;

  @Column({ name: 'granted_at', type: 'timestamptz', default: () => 'now()' })
  grantedAt: Date;
}

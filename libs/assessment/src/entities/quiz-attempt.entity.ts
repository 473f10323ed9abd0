import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, JoinColumn, ManyToOne } from 'typeorm';
import { Quiz } from '@themis/catalog';
import { Enrollment } from '@themis/learning';
import { User } from '@themis/identity';

import type { AttemptLayout, SubmittedAnswer } from '../attempts/attempt-layout';
import type { Answer, QuestionGrade } from '../grading/grading';

export type { AttemptLayout } from '../attempts/attempt-layout';
/** One question's grade as stored (all of it: what the learner is shown is the review policy's business). */
export type QuestionResult = QuestionGrade;

@Entity('quiz_attempts')
@Unique('quiz_attempts_number_key', ['enrollmentId', 'quizId', 'number'])
@Index('quiz_attempts_user_idx', ['userId'])
@Index('quiz_attempts_quiz_idx', ['quizId', 'submittedAt'])
export class QuizAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @Column({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  /** 1, 2, 3…: the unique constraint stops two racing starts from exceeding the limit. */
  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  /** The shuffled order this attempt shows. */
  @Column({ type: 'jsonb' })
  layout: AttemptLayout[];

  /** As graded, in stored ids (an attempt's own ids mean nothing elsewhere). */
  @Column({ type: 'jsonb', nullable: true })
  answers: Answer[] | null;

  @Column({ type: 'jsonb', nullable: true })
  results: QuestionResult[] | null;

  /** Answers saved while the attempt is open, in this attempt's ids (autosave). */
  @Column({ name: 'saved_answers', type: 'jsonb', nullable: true })
  savedAnswers: SubmittedAnswer[] | null;

  @Column({ name: 'saved_at', type: 'timestamptz', nullable: true })
  savedAt: Date | null;

  /** 'learner', or 'timer' when the saved answers were graded at the time limit. */
  @Column({ name: 'submitted_by', type: 'varchar', length: 16, nullable: true })
  submittedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  userRef?: User;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollmentRef?: Enrollment;

  @ManyToOne(() => Quiz, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quiz_id' })
  quizRef?: Quiz;
}

import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, JoinColumn, ManyToOne } from 'typeorm';
import { Quiz } from '@themis/catalog';
import { Enrollment } from '@themis/learning';
import { User } from '@themis/identity';

export interface AttemptLayout {
  questionId: string;
  optionIds: string[];
}

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  explanation: string;
}

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

  @Column({ type: 'jsonb', nullable: true })
  answers: { questionId: string; optionIds: string[] }[] | null;

  @Column({ type: 'jsonb', nullable: true })
  results: QuestionResult[] | null;

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

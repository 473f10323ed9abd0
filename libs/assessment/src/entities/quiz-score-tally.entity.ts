import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Quiz } from '@themis/catalog';

/**
 * Submitted attempts of one quiz at one score, kept up to date in the grading transaction
 * (ReportTallies) so the trainer report reads at most 101 rows per quiz instead of every attempt.
 */
@Entity('quiz_score_tallies')
export class QuizScoreTally {
  @PrimaryColumn({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  /** 0–100, as graded. */
  @PrimaryColumn({ type: 'int' })
  score: number;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int', default: 0 })
  passed: number;

  /** Attempts that were their enrolment's first submission of this quiz: summed over scores, the learners who took it. */
  @Column({ name: 'first_submissions', type: 'int', default: 0 })
  firstSubmissions: number;

  @ManyToOne(() => Quiz, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quiz_id' })
  quizRef?: Quiz;
}

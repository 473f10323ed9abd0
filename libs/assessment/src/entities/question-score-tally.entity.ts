import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { QuizQuestion } from '@themis/catalog';

/**
 * Answers to one question within submitted attempts that scored `score`, kept up to date in the
 * grading transaction (ReportTallies). Per score so the report can take the upper and lower 27%
 * of attempts by score from cumulative counts (see ReportRepository.questions).
 */
@Entity('question_score_tallies')
export class QuestionScoreTally {
  /** The question's quiz, repeated so a version's tallies are found without joining the questions. */
  @PrimaryColumn({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId: string;

  /** Score of the attempt the answers belong to, 0–100. */
  @PrimaryColumn({ type: 'int' })
  score: number;

  @Column({ type: 'int', default: 0 })
  answered: number;

  @Column({ type: 'int', default: 0 })
  correct: number;

  @ManyToOne(() => QuizQuestion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  questionRef?: QuizQuestion;
}

import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, JoinColumn, ManyToOne } from 'typeorm';
import { Quiz } from './quiz.entity';
import type { QuestionType } from '../format/course-source';

export interface StoredOption {
  /** Random per version, so an option's id says nothing about whether it is right. */
  id: string;
  text: string;
  correct: boolean;
  fraction?: number;
  feedback?: string;
}

/** What a type beyond the choice types needs (matching stems, accepted answers), and draw labels. */
export interface QuestionSpec {
  /** Matching: each stem with the id of the option that matches it. */
  stems?: { id: string; text: string; optionId: string }[];
  answers?: { text?: string; value?: number; tolerance?: number; fraction: number; feedback?: string }[];
  caseSensitive?: boolean;
  tags?: string[];
  /** The module the question covers (its quiz's own unless the author said otherwise). */
  module?: string;
}

@Entity('quiz_questions')
@Unique('quiz_questions_quiz_key_key', ['quizId', 'key'])
export class QuizQuestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('quiz_questions_quiz_idx')
  @Column({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  /** The author's id for the question, stable across versions. */
  @Column({ type: 'varchar', length: 80 })
  key: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  type: QuestionType;

  @Column({ type: 'text' })
  prompt: string;

  @Column({ type: 'text' })
  explanation: string;

  @Column({ type: 'jsonb' })
  options: StoredOption[];

  @Column({ type: 'jsonb', nullable: true })
  spec: QuestionSpec | null;

  @ManyToOne(() => Quiz, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quiz_id' })
  quizRef?: Quiz;
}

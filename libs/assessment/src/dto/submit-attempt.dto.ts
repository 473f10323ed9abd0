import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNumber, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import type { ReviewLevel, VisibleResult } from '../attempts/review';

export class PairDto {
  @IsUUID('all', { message: 'stemId must be a stem id from this attempt' })
  stemId: string;

  @IsUUID('all', { message: 'optionId must be an option id from this attempt' })
  optionId: string;
}

/** One of `optionIds` (choice types), `pairs` (matching), `text` (short answer) or `value` (numerical). */
export class AnswerDto {
  @IsUUID('all', { message: 'questionId must be a question id from this attempt' })
  questionId: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsUUID('all', { each: true, message: 'optionIds must hold option ids from this attempt' })
  optionIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => PairDto)
  pairs?: PairDto[];

  @IsOptional()
  @IsString({ message: 'text must be text' })
  @MaxLength(500)
  text?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a number' })
  value?: number;
}

export class SubmitAttemptDto {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

export interface AttemptQuestion {
  id: string;
  type: string;
  prompt: string;
  options: { id: string; text: string }[];
  stems?: { id: string; text: string }[];
}

export interface AttemptResponse {
  attemptId: string;
  quizSlug: string;
  quizTitle: string;
  attemptNumber: number;
  attemptsLeft: number;
  timeLimitSeconds: number | null;
  expiresAt: string | null;
  questions: AttemptQuestion[];
  /** What was saved so far (autosave), in this attempt's ids; a reload shows it again. */
  saved: AnswerDto[];
  savedAt: string | null;
}

export interface SubmissionResponse {
  attemptId: string;
  score: number;
  passed: boolean;
  passMark: number;
  attemptsLeft: number;
  /** What the quiz's review policy lets the learner see now. */
  review: ReviewLevel;
  /** Whom to ask, for a learner who has used every attempt without passing. */
  contact: string | null;
  submittedBy: 'learner' | 'timer';
  results: VisibleResult[];
}

export interface AnswerKeyResponse {
  slug: string;
  title: string;
  passMark: number;
  maxAttempts: number;
  timeLimitSeconds: number | null;
  questionCount: number;
  review: { show: string; when: string; contact?: string };
  draw: { count?: number; perModule?: Record<string, number>; perTag?: Record<string, number> } | null;
  questions: {
    id: string;
    key: string;
    type: string;
    prompt: string;
    explanation: string;
    /** `fraction` is null on a multiple-answer question without weights: it is graded all or nothing. */
    options: { id: string; text: string; correct: boolean; fraction: number | null; feedback?: string }[];
    stems?: { id: string; text: string; optionId: string }[];
    answers?: { text?: string; value?: number; tolerance?: number; fraction: number; feedback?: string }[];
    caseSensitive?: boolean;
    tags?: string[];
    module?: string;
  }[];
}

export interface QuizOverviewResponse {
  quizSlug: string;
  quizTitle: string;
  passMark: number;
  maxAttempts: number;
  timeLimitSeconds: number | null;
  questionCount: number;
  attemptsUsed: number;
  attemptsLeft: number;
  passed: boolean;
  review: { show: string; when: string };
  contact: string | null;
  open: AttemptResponse | null;
  attempts: { attemptId: string; number: number; score: number | null; passed: boolean | null; submittedAt: string | null }[];
}

import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsUUID, ValidateNested } from 'class-validator';

export class AnswerDto {
  @IsUUID('all', { message: 'questionId must be a question id from this attempt' })
  questionId: string;

  @IsArray()
  @ArrayMaxSize(12)
  @IsUUID('all', { each: true, message: 'optionIds must hold option ids from this attempt' })
  optionIds: string[];
}

export class SubmitAttemptDto {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

export interface AttemptResponse {
  attemptId: string;
  quizSlug: string;
  quizTitle: string;
  /** The language of the quiz's texts (contract: `?lang=` on starting an attempt). */
  language?: string;
  attemptNumber: number;
  attemptsLeft: number;
  timeLimitSeconds: number | null;
  expiresAt: string | null;
  questions: { id: string; type: string; prompt: string; options: { id: string; text: string }[] }[];
}

export interface SubmissionResponse {
  attemptId: string;
  score: number;
  passed: boolean;
  passMark: number;
  attemptsLeft: number;
  results: { questionId: string; correct: boolean; explanation: string }[];
}

export interface AnswerKeyResponse {
  slug: string;
  title: string;
  passMark: number;
  maxAttempts: number;
  timeLimitSeconds: number | null;
  questions: { id: string; key: string; type: string; prompt: string; explanation: string; options: { id: string; text: string; correct: boolean }[] }[];
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
  open: AttemptResponse | null;
  attempts: { attemptId: string; number: number; score: number | null; passed: boolean | null; submittedAt: string | null }[];
}

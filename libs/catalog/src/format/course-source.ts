import type { ProblemText } from './problem-codes';
import type { CourseTranslations } from './translation-source';

/** The parsed, validated form of a course folder: what one course version is made of. */
export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'matching', 'short_answer', 'numerical'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const CLE_CATEGORIES = ['ethics', 'substantive_law', 'procedural_law', 'skills'] as const;
export type CleCategory = (typeof CLE_CATEGORIES)[number];
export const FORMATIONS = ['Grand Chamber', 'Chamber', 'Plenary', 'Committee'] as const;

export interface CaseRef {
  key: string;
  name: string;
  applicationNumbers: string[];
  judgmentDate: string;
  formation: string;
  articles: string[];
  source?: string;
}

export interface OptionSource {
  text: string;
  correct: boolean;
  /** Moodle's grade for choosing it, -1..1; without it a right option is worth all (single) or its share (multiple, all or nothing). */
  fraction?: number;
  feedback?: string;
}

/** A matching question's stem and the option it matches. */
export interface PairSource {
  stem: string;
  match: string;
}

/** An accepted answer of a short-answer (`text`) or numerical (`value` ± `tolerance`) question. */
export interface AnswerSource {
  text?: string;
  value?: number;
  tolerance?: number;
  fraction: number;
  feedback?: string;
}

export const REVIEW_SHOWS = ['score', 'correctness', 'explanations'] as const;
export const REVIEW_WHENS = ['passed', 'each_attempt'] as const;
/** What a learner sees after an attempt, and when (issue 21): by default the explanations once passed. */
export interface ReviewSource {
  show: (typeof REVIEW_SHOWS)[number];
  when: (typeof REVIEW_WHENS)[number];
  /** Whom to ask, shown to a learner who has used every attempt. */
  contact?: string;
}

/** N of the M questions per attempt: in all, or so many per module or per tag. */
export interface DrawSource {
  count?: number;
  perModule?: Record<string, number>;
  perTag?: Record<string, number>;
}

export interface QuestionSource {
  id: string;
  type: QuestionType;
  prompt: string;
  explanation: string;
  options: OptionSource[];
  /** Only for true_false, as written by the author. */
  answer?: boolean;
  /** The author marks a question that applies the law to facts (`scenario: true`); absent means false. */
  scenario?: boolean;
  /** Matching: each stem with its match; `options` then holds extra wrong matches. */
  pairs?: PairSource[];
  /** Short answer and numerical: the accepted answers, in the order they are tried. */
  answers?: AnswerSource[];
  caseSensitive?: boolean;
  tags?: string[];
  /** The course module the question covers, for draws per module (default: the quiz's own). */
  module?: string;
  cites: string[];
}

export interface QuizSource {
  slug: string;
  title: string;
  passMark: number;
  maxAttempts: number;
  timeLimitMinutes?: number;
  review?: ReviewSource;
  draw?: DrawSource;
  questions: QuestionSource[];
}

export interface LessonSource {
  slug: string;
  title: string;
  minutes?: number;
  contentNote?: string;
  /** Keys of every judgment the lesson cites, front matter first, then inline order. */
  cases: string[];
  markdown: string;
}

export interface ModuleSource {
  slug: string;
  title: string;
  summary?: string;
  outcomes: string[];
  lessons: LessonSource[];
  quiz?: QuizSource;
}

export const EVALUATION_ITEM_TYPES = ['rating', 'text'] as const;
/** One item of the end-of-course evaluation (issue 21): a 1–5 rating of a statement, or free text. */
export interface EvaluationItemSource {
  id: string;
  type: (typeof EVALUATION_ITEM_TYPES)[number];
  text: string;
}

/** The end-of-course evaluation form (evaluation.yaml beside course.yaml). */
export interface EvaluationSource {
  title: string;
  items: EvaluationItemSource[];
}

/** Attendance codes for regulators that ask for them in on-demand courses (New York: one per 50 minutes at most). */
export interface AttendanceCodesSource {
  /** A code is shown after at most this many minutes of study time (1–50). */
  everyMinutes: number;
  /** Codes to enter for completion; without it, every code shown. */
  required?: number;
}

export interface CourseSource {
  slug: string;
  title: string;
  summary: string;
  language: 'en' | 'az' | 'ru';
  audience: string[];
  cleHours: Partial<Record<CleCategory, number>>;
  validityMonths?: number;
  minLessonSeconds?: number;
  /** A module's quiz opens only once its lessons are complete. */
  lessonsBeforeQuiz?: boolean;
  /** The evaluation form, when the course has one; `evaluationRequired` makes the certificate wait for it. */
  evaluation?: EvaluationSource;
  evaluationRequired?: boolean;
  attendanceCodes?: AttendanceCodesSource;
  published: boolean;
  modules: ModuleSource[];
  /** The bibliography entries this course cites, by key. */
  bibliography: Record<string, CaseRef>;
  /** Translated texts by language, from the `*.<lang>.*` files beside the source (translation-reader.ts). */
  translations?: CourseTranslations;
}

/** A problem at `file:line`, with its code and parameters for a translation (see problem-codes.ts). */
export interface Problem extends ProblemText {
  file: string;
  line: number;
  /** A warning (a translation missing, stale or malformed) keeps the course importable; the source is shown instead. */
  severity?: 'warning';
}

export const totalCleHours = (hours: CourseSource['cleHours']) =>
  Math.round(Object.values(hours).reduce((sum, h) => sum + (h ?? 0), 0) * 100) / 100;

export const CITATION = /\[@([a-z0-9][a-z0-9-]*)\]/g;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

import type { AttendanceCodesSource, CaseRef, DrawSource, EvaluationSource, QuestionType, ReviewSource } from '../format/course-source';
import type { QuestionSpec, StoredOption } from '../entities/quiz-question.entity';

/** What the catalogue and the course page both say about a course version. */
export interface CourseFacts {
  slug: string;
  title: string;
  summary: string;
  cleHours: number;
  cleCategories: Record<string, number>;
  audience: string[];
  language: string;
  version: number;
}

export interface CourseSummaryResponse extends CourseFacts {
  moduleCount: number;
  /** Every language the course can be read in: its source language and its translations. */
  languages?: string[];
}

export interface QuizSummary {
  slug: string;
  title: string;
  passMark: number;
  questionCount: number;
  maxAttempts: number;
  timeLimitSeconds: number | null;
}

export interface CourseDetailResponse extends CourseFacts {
  validityMonths: number | null;
  /** With a content language (translations/translated-content.ts): the language written in, the languages offered, the title's language. */
  sourceLanguage?: string;
  languages?: string[];
  titleLanguage?: string;
  modules: {
    slug: string;
    title: string;
    summary: string | null;
    outcomes: string[];
    /** The language of this module's texts (the source's where it is not translated). */
    language?: string;
    lessons: { slug: string; title: string; minutes: number | null; language?: string }[];
    quiz: (QuizSummary & { language?: string }) | null;
  }[];
}

/** One course with every imported version, for trainers and admins. */
export interface StaffCourseResponse {
  slug: string;
  currentVersion: number | null;
  versions: { version: number; title: string; language: string; published: boolean; current: boolean; importedAt: string; quizzes: { slug: string; title: string }[] }[];
}

export interface CaseRefResponse {
  key: string;
  name: string;
  applicationNo: string;
  applicationNumbers: string[];
  judgmentDate: string;
  formation: string;
  articles: string[];
}

export interface LessonResponse {
  slug: string;
  title: string;
  minutes: number | null;
  contentNote: string | null;
  html: string;
  caseRefs: CaseRefResponse[];
  moduleSlug: string;
  previous: { slug: string; title: string; language?: string } | null;
  next: { slug: string; title: string; language?: string } | null;
  /** The language served, and whether it is the source shown because the asked-for translation is missing. */
  language?: string;
  languageFallback?: boolean;
}

/** A version's structure, immutable once imported, so it is cached in memory by id. */
export interface VersionContent extends CourseFacts {
  id: string;
  courseId: string;
  validityMonths: number | null;
  minLessonSeconds: number | null;
  lessonsBeforeQuiz: boolean;
  /** The end-of-course form with its translations by language, when the course has one. */
  evaluation: (EvaluationSource & { translations: Record<string, { title: string; items: Record<string, string> }> }) | null;
  evaluationRequired: boolean;
  attendanceCodes: AttendanceCodesSource | null;
  modules: {
    id: string;
    slug: string;
    title: string;
    summary: string | null;
    outcomes: string[];
    lessons: { id: string; slug: string; title: string; minutes: number | null; position: number }[];
    quiz: (QuizSummary & { id: string }) | null;
  }[];
  lessonIds: string[];
  quizIds: string[];
}

export interface QuizContent {
  id: string;
  versionId: string;
  slug: string;
  title: string;
  passMark: number;
  maxAttempts: number;
  timeLimitSeconds: number | null;
  /** The language the texts are in, once translated (translateQuiz). */
  language?: string;
  review: ReviewSource;
  draw: DrawSource | null;
  /** Questions per attempt: the draw's size, or all. */
  questionCount: number;
  questions: ({ id: string; key: string; type: QuestionType; prompt: string; explanation: string; options: StoredOption[] } & QuestionSpec)[];
}

export const DEFAULT_REVIEW: ReviewSource = { show: 'explanations', when: 'passed' };

/** The number of questions an attempt draws. */
export const drawSize = (draw: DrawSource | null | undefined, pool: number): number =>
  !draw ? pool : draw.count ?? Object.values(draw.perModule ?? draw.perTag ?? {}).reduce((s, n) => s + n, 0);

export const toCaseRefResponse = (c: CaseRef): CaseRefResponse => ({
  key: c.key,
  name: c.name,
  applicationNo: c.applicationNumbers.join(', '),
  applicationNumbers: c.applicationNumbers,
  judgmentDate: c.judgmentDate,
  formation: c.formation,
  articles: c.articles,
});

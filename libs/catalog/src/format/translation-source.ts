import * as crypto from 'node:crypto';
import type { CourseSource, EvaluationSource, LessonSource, ModuleSource, QuestionSource } from './course-source';

export const CONTENT_LANGUAGES = ['az', 'en', 'ru'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
export const isContentLanguage = (v: unknown): v is ContentLanguage => typeof v === 'string' && (CONTENT_LANGUAGES as readonly string[]).includes(v);

/**
 * The translated texts of one course in one language, as read from the `*.<lang>.*` files
 * beside the source. Only text: the key, options' correctness, weights and scoring come
 * from the source alone. A piece that is missing or stale is absent (the source is shown).
 */
export interface CourseTranslation {
  /** Absent when course.<lang>.yaml is stale or malformed: the course is still offered in <lang>. */
  title?: string;
  summary?: string;
  /** Each piece keeps the fingerprint of the source it translates, so the editor can write it back and spot it going stale. */
  sourceHash?: string;
  modules: Record<string, { title: string; summary?: string; outcomes: string[]; sourceHash: string }>;
  lessons: Record<string, { title: string; contentNote?: string; markdown: string; sourceHash: string }>;
  quizzes: Record<string, { title?: string; sourceHash?: string; questions: Record<string, QuestionTranslation> }>;
  /** evaluation.<lang>.yaml: the form's title and each item's text by item id. */
  evaluation?: { title: string; items: Record<string, string>; sourceHash: string };
}

export interface QuestionTranslation {
  sourceHash: string;
  prompt: string;
  explanation: string;
  /** The options' texts in the source's order (a true_false question has none). */
  options: string[];
}

export type CourseTranslations = Partial<Record<ContentLanguage, CourseTranslation>>;

/**
 * The fingerprint a translation file records of the source text it translates (`sourceHash`):
 * when the source's text changes, the fingerprint no longer matches and the translation is stale.
 */
export const sourceHash = (value: unknown): string => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

export const courseTextHash = (c: Pick<CourseSource, 'title' | 'summary'>) => sourceHash({ title: c.title, summary: c.summary });
export const moduleTextHash = (m: Pick<ModuleSource, 'title' | 'summary' | 'outcomes'>) => sourceHash({ title: m.title, summary: m.summary ?? null, outcomes: m.outcomes });
export const lessonTextHash = (l: Pick<LessonSource, 'title' | 'contentNote' | 'markdown'>) => sourceHash({ title: l.title, contentNote: l.contentNote ?? null, markdown: l.markdown });
export const evaluationTextHash = (e: EvaluationSource) => sourceHash({ title: e.title, items: e.items.map((i) => [i.id, i.text]) });
export const quizTitleHash = (title: string) => sourceHash({ title });
export const questionTextHash = (q: Pick<QuestionSource, 'prompt' | 'explanation' | 'options'>) =>
  sourceHash({ prompt: q.prompt, explanation: q.explanation, options: q.options.map((o) => o.text) });

/** The course without its translations: two versions with the same structure differ only in translated text. */
export const withoutTranslations = (source: CourseSource): CourseSource => {
  const { translations: _t, ...rest } = source;
  return rest;
};

import { DomainError, ErrorCode } from '@themis/core';
import {
  ContentLanguage,
  CourseTranslation,
  courseTextHash,
  isContentLanguage,
  lessonTextHash,
  moduleTextHash,
  questionTextHash,
  quizTitleHash,
} from '../format/translation-source';
import type { DraftCourse, DraftQuiz } from './course-files';
import { findLesson } from './draft-edits';

/** A translated piece against its source now: `stale` when the source's text changed after it was translated. */
export type TranslationState = 'current' | 'stale' | 'missing';

export interface TranslationOverview {
  lang: ContentLanguage;
  /** Whether the course is offered in `lang` (course.<lang>.yaml exists, or will once saved). */
  offered: boolean;
  course: TranslationState;
  modules: { slug: string; title: string; state: TranslationState }[];
  lessons: { moduleSlug: string; slug: string; title: string; state: TranslationState }[];
  quizzes: { slug: string; title: string; state: TranslationState; questions: { id: string; state: TranslationState }[] }[];
  counts: Record<TranslationState, number>;
}

const stateOf = (recorded: string | undefined, current: string, present: boolean): TranslationState => (!present ? 'missing' : recorded === current ? 'current' : 'stale');

/** What is translated, stale or missing in `lang`, piece by piece, for the editor. */
export function translationOverview(draft: DraftCourse, lang: ContentLanguage): TranslationOverview {
  const t = draft.translations?.[lang];
  const course = stateOf(t?.sourceHash, courseTextHash(draft), !!t?.title);
  const modules = draft.modules.map((m) => ({ slug: m.slug, title: m.title, state: stateOf(t?.modules[m.slug]?.sourceHash, moduleTextHash(m), !!t?.modules[m.slug]) }));
  const lessons = draft.modules.flatMap((m) =>
    m.lessons.map((l) => ({ moduleSlug: m.slug, slug: l.slug, title: l.title, state: stateOf(t?.lessons[l.slug]?.sourceHash, lessonTextHash(l), !!t?.lessons[l.slug]) })),
  );
  const quizzes = draft.modules.flatMap((m) => (m.quiz ? [quizOverview(m.quiz, t)] : []));
  const all = [course, ...modules.map((m) => m.state), ...lessons.map((l) => l.state), ...quizzes.flatMap((q) => [q.state, ...q.questions.map((x) => x.state)])];
  const counts = { current: 0, stale: 0, missing: 0 };
  for (const s of all) counts[s] += 1;
  return { lang, offered: !!t, course, modules, lessons, quizzes, counts };
}

function quizOverview(quiz: DraftQuiz, t: CourseTranslation | undefined): TranslationOverview['quizzes'][number] {
  const q = t?.quizzes[quiz.slug];
  return {
    slug: quiz.slug,
    title: quiz.title,
    state: stateOf(q?.sourceHash, quizTitleHash(quiz.title), !!q?.title),
    questions: quiz.questions.map((x) => ({ id: x.id, state: stateOf(q?.questions[x.id]?.sourceHash, questionTextHash(x), !!q?.questions[x.id]) })),
  };
}

/** The languages a draft can be translated into: every content language but its source's. */
export const translationLanguages = (draft: Pick<DraftCourse, 'language'>): ContentLanguage[] => (['az', 'ru', 'en'] as const).filter((l) => l !== draft.language);

/** `lang` as a language this draft can be translated into; 404 otherwise (the page or route does not exist). */
export function requireTranslationLanguage(draft: Pick<DraftCourse, 'language'>, lang: string): ContentLanguage {
  if (!isContentLanguage(lang) || lang === draft.language) throw new DomainError(ErrorCode.NotFound, 'No such translation language for this course', { field: 'lang' });
  return lang;
}

function translationIn(draft: DraftCourse, lang: ContentLanguage): CourseTranslation {
  draft.translations ??= {};
  return (draft.translations[lang] ??= { modules: {}, lessons: {}, quizzes: {} });
}

// Each edit records the fingerprint of the source as it is now: the translator has just read it beside the translation.

export function applyCourseTranslation(draft: DraftCourse, lang: ContentLanguage, text: { title: string; summary: string }): void {
  Object.assign(translationIn(draft, lang), { title: text.title, summary: text.summary, sourceHash: courseTextHash(draft) });
}

export function applyModuleTranslation(draft: DraftCourse, lang: ContentLanguage, moduleSlug: string, text: { title: string; summary?: string; outcomes: string[] }): void {
  const mod = draft.modules.find((m) => m.slug === moduleSlug);
  if (!mod) throw new DomainError(ErrorCode.NotFound, 'Module not found');
  if (text.outcomes.length !== mod.outcomes.length) throw new DomainError(ErrorCode.ValidationFailed, 'Translate every outcome of the module, in its order', { field: 'outcomes' });
  translationIn(draft, lang).modules[moduleSlug] = { title: text.title, ...(text.summary ? { summary: text.summary } : {}), outcomes: text.outcomes, sourceHash: moduleTextHash(mod) };
}

export function applyLessonTranslation(draft: DraftCourse, lang: ContentLanguage, lessonSlug: string, text: { title: string; contentNote?: string; markdown: string }): void {
  const { lesson } = findLesson(draft, lessonSlug);
  const markdown = text.markdown.trim() + '\n';
  translationIn(draft, lang).lessons[lessonSlug] = { title: text.title, ...(text.contentNote ? { contentNote: text.contentNote } : {}), markdown, sourceHash: lessonTextHash(lesson) };
}

/** The quiz's title and each question given; a translation holds texts only, as many options as the source's. */
export function applyQuizTranslation(
  draft: DraftCourse,
  lang: ContentLanguage,
  quizSlug: string,
  text: { title?: string; questions: Record<string, { prompt: string; explanation: string; options: string[] }> },
): void {
  const quiz = draft.modules.map((m) => m.quiz).find((q) => q?.slug === quizSlug);
  if (!quiz) throw new DomainError(ErrorCode.NotFound, 'Quiz not found');
  const into = (translationIn(draft, lang).quizzes[quizSlug] ??= { questions: {} });
  if (text.title) Object.assign(into, { title: text.title, sourceHash: quizTitleHash(quiz.title) });
  for (const [id, q] of Object.entries(text.questions)) {
    const source = quiz.questions.find((x) => x.id === id);
    if (!source) throw new DomainError(ErrorCode.ValidationFailed, `Question ${id} is not in the quiz`, { field: id });
    if (q.options.length !== source.options.length) throw new DomainError(ErrorCode.ValidationFailed, 'Translate every option of the question, in its order', { field: `${id}.options` });
    into.questions[id] = { prompt: q.prompt, explanation: q.explanation, options: q.options, sourceHash: questionTextHash(source) };
  }
}

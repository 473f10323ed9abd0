import { DomainError, ErrorCode } from '@themis/core';
import type { DraftCourse, DraftLesson, DraftModule, DraftQuestion, DraftQuiz } from './course-files';

/** Edits the editor makes to a draft: pure functions on the content, each naming what it could not find. */
const missing = (what: string) => new DomainError(ErrorCode.NotFound, `${what} is not in this draft`);

export function findModule(d: DraftCourse, slug: string): DraftModule {
  const m = d.modules.find((x) => x.slug === slug);
  if (!m) throw missing(`module "${slug}"`);
  return m;
}

export function findLesson(d: DraftCourse, slug: string): { module: DraftModule; lesson: DraftLesson; index: number } {
  for (const module of d.modules) {
    const index = module.lessons.findIndex((l) => l.slug === slug);
    if (index >= 0) return { module, lesson: module.lessons[index]!, index };
  }
  throw missing(`lesson "${slug}"`);
}

export function findQuiz(d: DraftCourse, slug: string): { module: DraftModule; quiz: DraftQuiz } {
  const module = d.modules.find((m) => m.quiz?.slug === slug);
  if (!module) throw missing(`quiz "${slug}"`);
  return { module, quiz: module.quiz! };
}

/** Removals: from the draft only; published versions (and learners enrolled in them) keep everything. */
export function removeModule(d: DraftCourse, slug: string): void {
  d.modules.splice(d.modules.indexOf(findModule(d, slug)), 1);
}

export function removeLesson(d: DraftCourse, slug: string): void {
  const { module, index } = findLesson(d, slug);
  module.lessons.splice(index, 1);
}

export function removeQuiz(d: DraftCourse, slug: string): void {
  delete findQuiz(d, slug).module.quiz;
}

export function removeQuestion(d: DraftCourse, quizSlug: string, id: string): void {
  const { quiz } = findQuiz(d, quizSlug);
  const index = quiz.questions.findIndex((q) => q.id === id);
  if (index < 0) throw missing(`question "${id}" of quiz "${quizSlug}"`);
  quiz.questions.splice(index, 1);
}

/** Empty optional text means "not set", as when the key is left out of the file. */
export const optionalText = (v: string | undefined | null) => (v === undefined || v === null || v.trim() === '' ? undefined : v);

export function emptyCourse(slug: string, title: string): DraftCourse {
  return { slug, title, summary: '', language: 'en', audience: ['defense_attorney', 'prosecutor', 'judge'], cleHours: {}, published: true, modules: [] };
}

export function newQuiz(moduleSlug: string, title: string): DraftQuiz {
  return { slug: `${moduleSlug}-quiz`, title, passMark: 70, maxAttempts: 3, questions: [] };
}

/** A question id from a title, unique within the quiz. */
export function uniqueQuestionId(base: string, taken: Set<string>): string {
  const stem = base.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'question';
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

export type { DraftQuestion };

import { Injectable } from '@nestjs/common';
import {
  applyCourseTranslation,
  applyLessonTranslation,
  applyModuleTranslation,
  applyQuizTranslation,
  Author,
  AuthoringService,
  ContentLanguage,
  DraftCourse,
  findLesson,
  requireTranslationLanguage,
  translationLanguages,
  translationOverview,
} from '@themis/catalog';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import type { Message } from '../../web/i18n';
import type { PageResult } from '../../web/page-result';
import { revisionOf } from './draft-forms';
import { conflictMessage } from './page-messages';

type Form = Record<string, unknown>;
type Errors = Record<string, string>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const base = (slug: string, lang: string) => `/staff/authoring/${slug}/translations/${lang}`;

/** A required text of at most `max` characters; its error key otherwise. */
function need(form: Form, key: string, max: number, errors: Errors, required = true): string {
  const v = str(form[key]);
  if (required && v === '') errors[key] = 'authoring.translate.required';
  else if (v.length > max) errors[key] = 'authoring.translate.tooLong';
  return v;
}

/**
 * The editor's translation pages: each piece of the source beside its translation in one language,
 * with what is missing or stale. Saving records the source's fingerprint as it is now, so a piece is
 * current again once its translator has read the changed source beside it.
 */
@Injectable()
export class TranslationPagesService {
  constructor(private readonly authoring: AuthoringService) {}

  private async open(author: Author, slug: string, lang: string) {
    const { draft } = await this.authoring.openDraft(author, slug);
    return { draft, lang: requireTranslationLanguage(draft.content, lang) };
  }

  async overview(author: Author, slug: string, langParam: string, overrides: { form?: Form; errors?: Errors; message?: Message; saved?: boolean; status?: number } = {}): Promise<PageResult> {
    const { draft, lang } = await this.open(author, slug, langParam);
    const c = draft.content;
    const o = translationOverview(c, lang);
    const t = c.translations?.[lang];
    const f = overrides.form;
    const byModule = c.modules.map((m) => ({
      ...o.modules.find((x) => x.slug === m.slug)!,
      lessons: o.lessons.filter((l) => l.moduleSlug === m.slug),
      quiz: m.quiz ? o.quizzes.find((q) => q.slug === m.quiz!.slug) : undefined,
    }));
    return {
      view: 'pages/authoring/translations',
      status: overrides.status ?? 200,
      data: {
        title: 'authoring.translate.title', slug, lang, sourceLanguage: c.language, revision: String(draft.revision), courseTitle: c.title, overview: o, modules: byModule,
        source: { title: c.title, summary: c.summary },
        form: { title: f ? str(f['title']) : (t?.title ?? ''), summary: f ? str(f['summary']) : (t?.summary ?? '') },
        languages: translationLanguages(c).filter((l) => l !== lang).map((l) => ({ value: l })),
        errors: overrides.errors ?? {}, message: overrides.message, saved: overrides.saved,
      },
    };
  }

  saveCourse(author: Author, slug: string, lang: string, form: Form): Promise<PageResult> {
    const errors: Errors = {};
    const text = { title: need(form, 'title', 200, errors), summary: need(form, 'summary', 2000, errors) };
    return this.save(author, slug, lang, form, errors, (d, l) => applyCourseTranslation(d, l, text), () => this.overview(author, slug, lang, { form, errors, status: 400 }), `${base(slug, lang)}?saved=1`);
  }

  async module(author: Author, slug: string, langParam: string, moduleSlug: string, overrides: { form?: Form; errors?: Errors; message?: Message; status?: number } = {}): Promise<PageResult> {
    const { draft, lang } = await this.open(author, slug, langParam);
    const m = draft.content.modules.find((x) => x.slug === moduleSlug);
    if (!m) throw notFound('Module');
    const t = draft.content.translations?.[lang]?.modules[moduleSlug];
    const f = overrides.form;
    const state = translationOverview(draft.content, lang).modules.find((x) => x.slug === moduleSlug)!.state;
    return {
      view: 'pages/authoring/translate-module',
      status: overrides.status ?? 200,
      data: {
        title: 'authoring.translate.title', slug, lang, sourceLanguage: draft.content.language, revision: String(draft.revision), moduleSlug, state, source: m,
        form: { title: f ? str(f['title']) : (t?.title ?? ''), summary: f ? str(f['summary']) : (t?.summary ?? '') },
        outcomes: m.outcomes.map((o, i) => ({ i, n: i + 1, source: o, value: f ? str(f[`outcome.${i}`]) : (t?.outcomes[i] ?? ''), error: overrides.errors?.[`outcome.${i}`] })),
        errors: overrides.errors ?? {}, message: overrides.message,
      },
    };
  }

  saveModule(author: Author, slug: string, lang: string, moduleSlug: string, form: Form): Promise<PageResult> {
    const errors: Errors = {};
    const title = need(form, 'title', 200, errors);
    const summary = need(form, 'summary', 2000, errors, false);
    const outcomes = Object.keys(form).filter((k) => /^outcome\.\d{1,3}$/.test(k)).sort((a, b) => Number(a.slice(8)) - Number(b.slice(8))).map((k) => need(form, k, 500, errors));
    return this.save(author, slug, lang, form, errors, (d, l) => applyModuleTranslation(d, l, moduleSlug, { title, summary, outcomes }), () => this.module(author, slug, lang, moduleSlug, { form, errors, status: 400 }), `${base(slug, lang)}?saved=1#module-${moduleSlug}`);
  }

  async lesson(author: Author, slug: string, langParam: string, lessonSlug: string, overrides: { form?: Form; errors?: Errors; message?: Message; status?: number } = {}): Promise<PageResult> {
    const { draft, lang } = await this.open(author, slug, langParam);
    const { lesson } = findLesson(draft.content, lessonSlug);
    const t = draft.content.translations?.[lang]?.lessons[lessonSlug];
    const f = overrides.form;
    const state = translationOverview(draft.content, lang).lessons.find((x) => x.slug === lessonSlug)!.state;
    return {
      view: 'pages/authoring/translate-lesson',
      status: overrides.status ?? 200,
      data: {
        title: 'authoring.translate.title', slug, lang, sourceLanguage: draft.content.language, revision: String(draft.revision), lessonSlug, state,
        source: { title: lesson.title, contentNote: lesson.contentNote ?? '', markdown: lesson.markdown },
        form: { title: f ? str(f['title']) : (t?.title ?? ''), contentNote: f ? str(f['contentNote']) : (t?.contentNote ?? ''), markdown: f ? str(f['markdown']) : (t?.markdown ?? '') },
        errors: overrides.errors ?? {}, message: overrides.message,
      },
    };
  }

  saveLesson(author: Author, slug: string, lang: string, lessonSlug: string, form: Form): Promise<PageResult> {
    const errors: Errors = {};
    const text = { title: need(form, 'title', 200, errors), contentNote: need(form, 'contentNote', 1000, errors, false), markdown: need(form, 'markdown', 200_000, errors) };
    return this.save(author, slug, lang, form, errors, (d, l) => applyLessonTranslation(d, l, lessonSlug, text), () => this.lesson(author, slug, lang, lessonSlug, { form, errors, status: 400 }), `${base(slug, lang)}?saved=1#lesson-${lessonSlug}`);
  }

  async quiz(author: Author, slug: string, langParam: string, quizSlug: string, overrides: { form?: Form; errors?: Errors; message?: Message; status?: number } = {}): Promise<PageResult> {
    const { draft, lang } = await this.open(author, slug, langParam);
    const quiz = draft.content.modules.map((m) => m.quiz).find((q) => q?.slug === quizSlug);
    if (!quiz) throw notFound('Quiz');
    const t = draft.content.translations?.[lang]?.quizzes[quizSlug];
    const o = translationOverview(draft.content, lang).quizzes.find((q) => q.slug === quizSlug)!;
    const f = overrides.form;
    const e = overrides.errors ?? {};
    const field = (key: string, stored: string | undefined) => (f ? str(f[key]) : (stored ?? ''));
    return {
      view: 'pages/authoring/translate-quiz',
      status: overrides.status ?? 200,
      data: {
        title: 'authoring.translate.title', slug, lang, sourceLanguage: draft.content.language, revision: String(draft.revision), quizSlug, state: o.state,
        source: { title: quiz.title }, form: { title: field('title', t?.title) }, errors: e, message: overrides.message,
        questions: quiz.questions.map((q, n) => ({
          n: n + 1, id: q.id, state: o.questions[n]!.state, source: q,
          prompt: field(`${q.id}.prompt`, t?.questions[q.id]?.prompt), explanation: field(`${q.id}.explanation`, t?.questions[q.id]?.explanation),
          promptError: e[`${q.id}.prompt`], explanationError: e[`${q.id}.explanation`],
          options: q.options.map((opt, i) => ({ i, n: i + 1, source: opt.text, value: field(`${q.id}.option.${i}`, t?.questions[q.id]?.options[i]), error: e[`${q.id}.option.${i}`] })),
        })),
      },
    };
  }

  async saveQuiz(author: Author, slug: string, lang: string, quizSlug: string, form: Form): Promise<PageResult> {
    const { draft } = await this.open(author, slug, lang);
    const quiz = draft.content.modules.map((m) => m.quiz).find((q) => q?.slug === quizSlug);
    if (!quiz) throw notFound('Quiz');
    const errors: Errors = {};
    const title = need(form, 'title', 200, errors, false);
    const questions: Record<string, { prompt: string; explanation: string; options: string[] }> = {};
    for (const q of quiz.questions) {
      // A question left wholly empty stays untranslated; one begun must be complete.
      const keys = [`${q.id}.prompt`, `${q.id}.explanation`, ...q.options.map((_, i) => `${q.id}.option.${i}`)];
      if (keys.every((k) => str(form[k]) === '')) continue;
      questions[q.id] = { prompt: need(form, `${q.id}.prompt`, 4000, errors), explanation: need(form, `${q.id}.explanation`, 4000, errors), options: q.options.map((_, i) => need(form, `${q.id}.option.${i}`, 1000, errors)) };
    }
    return this.save(author, slug, lang, form, errors, (d, l) => applyQuizTranslation(d, l, quizSlug, { ...(title ? { title } : {}), questions }), () => this.quiz(author, slug, lang, quizSlug, { form, errors, status: 400 }), `${base(slug, lang)}?saved=1#quiz-${quizSlug}`);
  }

  /** One draft edit at the form's revision: 400 with the form's errors, 409 when someone saved first, else back to the overview. */
  private async save(
    author: Author,
    slug: string,
    langParam: string,
    form: Form,
    errors: Errors,
    edit: (d: DraftCourse, lang: ContentLanguage) => void,
    again: () => Promise<PageResult>,
    redirect: string,
  ): Promise<PageResult> {
    if (Object.keys(errors).length) return again();
    const { draft } = await this.authoring.openDraft(author, slug);
    const lang = requireTranslationLanguage(draft.content, langParam);
    try {
      await this.authoring.editDraft(author, slug, revisionOf(form), (d) => edit(d, lang));
      return { redirect };
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.Conflict) {
        const page = await again();
        return 'view' in page ? { ...page, status: 409, data: { ...page.data, errors: {}, message: conflictMessage(err) } } : page;
      }
      throw err;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { AuthoringService, Author, CLE_CATEGORIES, ProblemCode, DraftCourse, DraftQuestion, DraftResponse, findModule, GiftImportResponse, findQuiz, MoodleXmlImportResponse, MoodleXmlProblem, removeModule, removeQuiz, translationLanguages, translationOverview } from '@themis/catalog';
import { DomainError, ErrorCode, PROFESSIONS } from '@themis/core';
import type { Message } from '../../web/i18n';
import type { PageResult } from '../../web/page-result';
import { positiveInt } from '../../infra/params';
import { conflictMessage, deletedLink, limitMessage, problemMessage } from './page-messages';
import { percentOf } from './question-form';
import { courseInputId, FieldErrors, Form, LANGUAGES, problemPlace, QUESTION_TYPES, readCourseMeta, readModule, readNewCourse, readNewModule, readQuiz, revisionOf, SPARE_OPTIONS, text } from './draft-forms';

type Upload = { buffer: Buffer; size: number; originalname?: string } | undefined;
interface Overrides {
  form?: Form;
  errors?: FieldErrors;
  /** A translation key, or a Message with its parameters (a conflict names who saved first). */
  message?: string | Message;
  /** What the last action did, e.g. a deletion, shown above the form. */
  notice?: Message;
  status?: number;
  /** The add-module form's own values, kept when it is refused. */
  moduleForm?: Form;
}

interface MoodleXmlPageResult {
  imported: number;
  notImported: { question: number; name?: string; reason: Message }[];
  changed: { question: number; name?: string; reason: Message }[];
}
/** The GIFT import's reasons where the two formats share one, in the trainer's language. */
const SHARED_WITH_GIFT = new Set(['no_text', 'no_right_answer', 'empty_answer']);
const moodleXmlLine = (p: MoodleXmlProblem) => ({
  question: p.question, ...(p.name ? { name: p.name } : {}),
  reason: { key: SHARED_WITH_GIFT.has(p.code) ? `authoring.gift.problem.${p.code}` : `authoring.moodleXml.problem.${p.code}`, params: p.params ?? {} },
});

const is = (err: unknown, ...codes: ErrorCode[]): err is DomainError => err instanceof DomainError && codes.includes(err.code);
const problemList = (err: DomainError) => (Array.isArray(err.details?.['problems']) ? (err.details!['problems'] as { line?: number; message: string; file?: string; code?: ProblemCode; params?: Record<string, string | number> }[]) : []);

/**
 * The editor's pages beyond the lesson editor: course list, new course or draft, course, module
 * and quiz forms, publishing, diffs and files in and out. Plain forms; a mistake re-renders the
 * form with what was typed and the message next to the field.
 */
@Injectable()
export class DraftPagesService {
  constructor(private readonly authoring: AuthoringService) {}

  async index(overrides: Overrides & { imported?: { slug: string; version: number; changed: boolean }[]; importProblems?: { place: string; text: string | Message }[]; published?: { slug?: string; version?: string } } = {}): Promise<PageResult> {
    const published = overrides.published?.slug && /^[a-z0-9-]{1,100}$/.test(overrides.published.slug) && /^\d{1,9}$/.test(overrides.published.version ?? '') ? overrides.published : undefined;
    const courses = (await this.authoring.listCourses()).map((c) => {
      // Newest first in the export list; the diff link compares the two newest versions.
      const versions = [...c.versions].sort((a, b) => b.version - a.version);
      return { ...c, versions, diffTo: versions[0]?.version, diffFrom: versions[1]?.version };
    });
    return {
      view: 'pages/authoring/index',
      status: overrides.status ?? 200,
      data: { courses, form: { slug: text(overrides.form ?? {}, 'slug'), title: text(overrides.form ?? {}, 'title') }, errors: overrides.errors ?? {}, message: overrides.message, notice: overrides.notice, imported: overrides.imported, importProblems: overrides.importProblems, published },
    };
  }

  async createCourse(author: Author, form: Form): Promise<PageResult> {
    const { slug, title, errors } = readNewCourse(form);
    if (Object.keys(errors).length) return this.index({ form, errors, status: 400 });
    try {
      await this.authoring.createCourse(author, slug, title);
    } catch (err) {
      if (is(err, ErrorCode.Conflict)) {
        const exists: Message = { key: err.details?.['exists'] === 'draft' ? 'authoring.error.draftExists' : 'authoring.error.courseExists', params: { slug } };
        return this.index({ form, errors: { 'new-slug': exists }, status: 409 });
      }
      if (is(err, ErrorCode.ValidationFailed)) return this.index({ form, errors: { 'new-slug': err.message }, status: 400 });
      throw err;
    }
    return { redirect: `/staff/authoring/${slug}` };
  }

  async openDraft(author: Author, slug: string): Promise<PageResult> {
    await this.authoring.openDraft(author, slug);
    return { redirect: `/staff/authoring/${slug}` };
  }

  /** The draft's overview: course form, modules with their lessons and quiz, problems, publishing. */
  async draft(slug: string, overrides: Overrides & { published?: { version: number; changed: boolean } } = {}): Promise<PageResult> {
    const draft = await this.authoring.getDraft(slug);
    const c = draft.content;
    const f = overrides.form;
    const val = (key: string, stored: unknown) => (f ? text(f, key) : stored === undefined || stored === null ? '' : String(stored));
    const audience = f ? ([] as string[]).concat((f['audience'] as string[] | string | undefined) ?? []) : c.audience;
    const language = val('language', c.language);
    const errors: FieldErrors = { ...this.courseErrors(draft), ...(overrides.errors ?? {}) };
    return {
      view: 'pages/authoring/draft',
      status: overrides.status ?? 200,
      data: {
        slug, revision: f ? text(f, 'revision') : draft.revision, baseVersion: draft.baseVersion, updatedByName: draft.updatedByName, updatedAt: draft.updatedAt,
        title: val('title', c.title), summary: val('summary', c.summary),
        languages: LANGUAGES.map((l) => ({ value: l, selected: l === language })),
        audience: PROFESSIONS.map((p) => ({ value: p, checked: audience.includes(p) })),
        cle: CLE_CATEGORIES.map((k) => ({ key: k, value: val(`cle.${k}`, c.cleHours[k]) })),
        validityMonths: val('validityMonths', c.validityMonths), minLessonSeconds: val('minLessonSeconds', c.minLessonSeconds),
        published: f ? f['published'] !== undefined : c.published,
        modules: c.modules.map((m) => ({ ...m, lessonCount: m.lessons.length })),
        problems: draft.problems.map((p) => ({ field: p.field, text: problemMessage(p), ...problemPlace(slug, c, p.field) })),
        errors, message: overrides.message, notice: overrides.notice, publishedVersion: overrides.published,
        newModule: { slug: text(overrides.moduleForm ?? {}, 'moduleSlug'), title: text(overrides.moduleForm ?? {}, 'moduleTitle') },
        translations: translationLanguages(c).map((lang) => ({ lang, ...translationOverview(c, lang).counts })),
      },
    };
  }

  async saveCourse(author: Author, slug: string, form: Form): Promise<PageResult> {
    const { errors, apply } = readCourseMeta(form);
    if (Object.keys(errors).length) return this.draft(slug, { form, errors, status: 400 });
    return this.edit(author, slug, form, apply, `/staff/authoring/${slug}?saved=1`, (o) => this.draft(slug, o));
  }

  async addModule(author: Author, slug: string, form: Form): Promise<PageResult> {
    const draft = await this.authoring.getDraft(slug);
    const { errors, slug: moduleSlug, apply } = readNewModule(form, draft.content);
    if (Object.keys(errors).length) return this.draft(slug, { errors, status: 400, moduleForm: form });
    return this.edit(author, slug, form, apply, `/staff/authoring/${slug}/modules/${moduleSlug}`, (o) => this.draft(slug, o));
  }

  async module(slug: string, moduleSlug: string, overrides: Overrides = {}): Promise<PageResult> {
    const draft = await this.authoring.getDraft(slug);
    const m = findModule(draft.content, moduleSlug);
    const mi = draft.content.modules.indexOf(m);
    const f = overrides.form;
    const errors: FieldErrors = { ...this.prefixErrors(draft, `modules.${mi}.`, (rest) => (rest.startsWith('lessons') || rest.startsWith('quiz') ? null : rest.split('.')[0]!)), ...(overrides.errors ?? {}) };
    return {
      view: 'pages/authoring/module',
      status: overrides.status ?? 200,
      data: {
        slug, moduleSlug, revision: f ? text(f, 'revision') : draft.revision,
        title: f ? text(f, 'title') : m.title, summary: f ? text(f, 'summary') : (m.summary ?? ''),
        outcomes: f ? text(f, 'outcomes') : m.outcomes.join('\n'),
        lessons: m.lessons.map((l, i) => ({ slug: l.slug, title: l.title, position: f ? text(f, `order.${l.slug}`) : String(i + 1), error: errors[`order-${l.slug}`] })),
        quiz: m.quiz ? { slug: m.quiz.slug, title: m.quiz.title, questions: m.quiz.questions.length } : null,
        newLesson: { slug: text(f ?? {}, 'lessonSlug'), title: text(f ?? {}, 'lessonTitle') }, quizTitle: text(f ?? {}, 'quizTitle'),
        storedTitle: m.title, lessonCount: m.lessons.length,
        errors, message: overrides.message, notice: overrides.notice,
      },
    };
  }

  async saveModule(author: Author, slug: string, moduleSlug: string, form: Form): Promise<PageResult> {
    const draft = await this.authoring.getDraft(slug);
    const { errors, apply } = readModule(form, draft.content, findModule(draft.content, moduleSlug));
    if (Object.keys(errors).length) return this.module(slug, moduleSlug, { form, errors, status: 400 });
    return this.edit(author, slug, form, apply, `/staff/authoring/${slug}/modules/${moduleSlug}?saved=1`, (o) => this.module(slug, moduleSlug, o));
  }

  async quiz(slug: string, quizSlug: string, overrides: Overrides & { gift?: { imported: number; notImported: GiftImportResponse['notImported'] }; moodleXml?: MoodleXmlPageResult } = {}): Promise<PageResult> {
    const draft = await this.authoring.getDraft(slug);
    const { module, quiz } = findQuiz(draft.content, quizSlug);
    const mi = draft.content.modules.indexOf(module);
    const f = overrides.form;
    const problems = this.prefixErrors(draft, `modules.${mi}.quiz.`, (rest) => {
      const p = rest.split('.');
      if (p[0] !== 'questions') return p[0]!;
      if (p.length === 2) return `q-${p[1]}-prompt`;
      return p[2] === 'options' ? `q-${p[1]}-o-${p[3] ?? 0}-text` : `q-${p[1]}-${p[2]}`;
    });
    const errors: FieldErrors = { ...problems, ...(overrides.errors ?? {}) };
    const val = (key: string, stored: unknown) => (f ? text(f, key) : stored === undefined || stored === null ? '' : String(stored));
    const blank: DraftQuestion = { id: '', type: 'single', prompt: '', explanation: '', options: [] };
    const questions = [...quiz.questions, blank].map((q, i) => {
      const p = `q.${i}.`;
      const type = val(`${p}type`, q.type);
      const answer = val(`${p}answer`, q.answer);
      return {
        index: i, number: i + 1, isNew: i === quiz.questions.length, id: q.id,
        prompt: val(`${p}prompt`, q.prompt), explanation: val(`${p}explanation`, q.explanation),
        types: QUESTION_TYPES.map((t) => ({ value: t, selected: t === type })),
        answerTrue: answer === 'true', answerFalse: answer === 'false',
        options: Array.from({ length: q.options.length + SPARE_OPTIONS }, (_, k) => ({
          index: k, number: k + 1,
          text: val(`${p}o.${k}.text`, q.options[k]?.text),
          correct: f ? f[`${p}o.${k}.correct`] !== undefined : (q.options[k]?.correct ?? false),
          weight: f ? text(f, `${p}o.${k}.weight`) : percentOf(q.options[k]?.fraction),
          error: errors[`q-${i}-o-${k}-text`], weightError: errors[`q-${i}-o-${k}-weight`],
        })),
        isMatching: type === 'matching', hasAnswers: type === 'short_answer' || type === 'numerical',
        pairs: Array.from({ length: (q.pairs?.length ?? 0) + SPARE_OPTIONS }, (_, k) => ({
          index: k, number: k + 1,
          stem: val(`${p}p.${k}.stem`, q.pairs?.[k]?.stem), match: val(`${p}p.${k}.match`, q.pairs?.[k]?.match),
          stemError: errors[`q-${i}-p-${k}-stem`], matchError: errors[`q-${i}-p-${k}-match`],
        })),
        answers: Array.from({ length: (q.answers?.length ?? 0) + SPARE_OPTIONS }, (_, k) => {
          const a = q.answers?.[k];
          return {
            index: k, number: k + 1,
            text: val(`${p}a.${k}.text`, a ? a.text ?? a.value : undefined), tolerance: val(`${p}a.${k}.tolerance`, a?.tolerance),
            weight: f ? text(f, `${p}a.${k}.weight`) : a ? percentOf(a.fraction) : '',
            error: errors[`q-${i}-a-${k}-text`], toleranceError: errors[`q-${i}-a-${k}-tolerance`], weightError: errors[`q-${i}-a-${k}-weight`],
          };
        }),
        caseSensitive: f ? f[`${p}caseSensitive`] !== undefined : q.caseSensitive === true,
        errors: Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(`q-${i}-`)).map(([k, v]) => [k.slice(`q-${i}-`.length), v])),
        warnings: draft.warnings.filter((w) => w.field === `modules.${mi}.quiz.questions.${i}` || w.field.startsWith(`modules.${mi}.quiz.questions.${i}.`)).map(problemMessage),
      };
    });
    return {
      view: 'pages/authoring/quiz',
      status: overrides.status ?? 200,
      data: {
        slug, quizSlug, moduleSlug: module.slug, revision: f ? text(f, 'revision') : draft.revision,
        title: val('title', quiz.title), passMark: val('passMark', quiz.passMark), maxAttempts: val('maxAttempts', quiz.maxAttempts), timeLimitMinutes: val('timeLimitMinutes', quiz.timeLimitMinutes),
        questions, errors, message: overrides.message, gift: overrides.gift, moodleXml: overrides.moodleXml,
        quizWarnings: draft.warnings.filter((w) => w.field === `modules.${mi}.quiz.questions` || w.field === `modules.${mi}.quiz`).map(problemMessage), baseVersion: draft.baseVersion, storedTitle: quiz.title, questionCount: quiz.questions.length,
      },
    };
  }

  async saveQuiz(author: Author, slug: string, quizSlug: string, form: Form): Promise<PageResult> {
    const draft = await this.authoring.getDraft(slug);
    const { errors, apply } = readQuiz(form, findQuiz(draft.content, quizSlug).quiz);
    if (Object.keys(errors).length) return this.quiz(slug, quizSlug, { form, errors, status: 400 });
    return this.edit(author, slug, form, apply, `/staff/authoring/${slug}/quizzes/${quizSlug}?saved=1`, (o) => this.quiz(slug, quizSlug, o));
  }

  async importGift(author: Author, slug: string, quizSlug: string, form: Form, file: Upload): Promise<PageResult> {
    const gift = file && file.size > 0 ? file.buffer.toString('utf8') : text(form, 'gift');
    if (gift.trim() === '') return this.quiz(slug, quizSlug, { errors: { 'gift-file': 'authoring.error.giftEmpty' }, status: 400 });
    try {
      const r = await this.authoring.importGift(author, slug, revisionOf(form), quizSlug, gift);
      return this.quiz(slug, quizSlug, { gift: { imported: r.imported.length, notImported: r.notImported } });
    } catch (err) {
      if (is(err, ErrorCode.Conflict)) return this.quiz(slug, quizSlug, { message: conflictMessage(err), status: 409 });
      const limit = limitMessage(err);
      if (limit) return this.quiz(slug, quizSlug, { message: limit, status: is(err, ErrorCode.PayloadTooLarge) ? 413 : 400 });
      if (is(err, ErrorCode.ValidationFailed)) return this.quiz(slug, quizSlug, { message: err.message, status: 400 });
      throw err;
    }
  }

  async importMoodleXml(author: Author, slug: string, quizSlug: string, form: Form, file: Upload): Promise<PageResult> {
    const xml = file && file.size > 0 ? file.buffer.toString('utf8') : text(form, 'xml');
    if (xml.trim() === '') return this.quiz(slug, quizSlug, { errors: { 'moodle-xml-file': 'authoring.error.moodleXmlEmpty' }, status: 400 });
    try {
      const r = await this.authoring.importMoodleXml(author, slug, revisionOf(form), quizSlug, xml);
      return this.quiz(slug, quizSlug, { moodleXml: { imported: r.imported.length, notImported: r.notImported.map(moodleXmlLine), changed: r.changed.map(moodleXmlLine) } });
    } catch (err) {
      if (is(err, ErrorCode.Conflict)) return this.quiz(slug, quizSlug, { message: conflictMessage(err), status: 409 });
      const limit = limitMessage(err);
      if (limit) return this.quiz(slug, quizSlug, { message: limit, status: is(err, ErrorCode.PayloadTooLarge) ? 413 : 400 });
      const bad = is(err, ErrorCode.ValidationFailed) ? (err.details?.['moodleXml'] as { reason?: string; line?: number } | undefined) : undefined;
      if (bad?.reason) return this.quiz(slug, quizSlug, { errors: { 'moodle-xml-file': { key: `authoring.moodleXml.bad.${bad.reason}`, params: { line: bad.line ?? '' } } }, status: 400 });
      if (is(err, ErrorCode.ValidationFailed)) return this.quiz(slug, quizSlug, { message: err.message, status: 400 });
      throw err;
    }
  }

  /** Publishing an invalid draft re-renders the overview with every problem next to its field (422). */
  async publish(slug: string, form: Form, publisherId: string): Promise<PageResult> {
    try {
      const r = await this.authoring.publish(slug, revisionOf(form), publisherId);
      return { redirect: `/staff/authoring?published=${encodeURIComponent(slug)}&version=${r.version}` };
    } catch (err) {
      if (is(err, ErrorCode.ValidationFailed)) return this.draft(slug, { message: 'authoring.publishBlocked', status: 422 });
      if (is(err, ErrorCode.Conflict)) return this.draft(slug, { message: conflictMessage(err), status: 409 });
      throw err;
    }
  }

  async diff(slug: string, fromAsked?: number, toAsked?: number): Promise<object> {
    const courses = await this.authoring.listCourses();
    const course = courses.find((c) => c.slug === slug);
    if (!course || course.versions.length === 0) throw new DomainError(ErrorCode.NotFound, 'Course not found');
    const last = Math.max(...course.versions.map((v) => v.version));
    const to = toAsked ?? last;
    const from = fromAsked ?? Math.max(1, to - 1);
    const diff = await this.authoring.diff(slug, from, to);
    const sets = (['modules', 'lessons', 'quizzes', 'questions'] as const).map((k) => ({ key: k, ...diff[k], empty: diff[k].added.length + diff[k].removed.length + diff[k].edited.length === 0 }));
    return {
      slug, from, to, course: diff.course, courseChanges: diff.courseChanges, sets,
      unchanged: diff.course.length === 0 && sets.every((s) => s.empty),
      fromVersions: course.versions.map((v) => ({ version: v.version, selected: v.version === from })),
      toVersions: course.versions.map((v) => ({ version: v.version, selected: v.version === to })),
    };
  }

  archive(slug: string, version?: number): Promise<{ filename: string; body: Buffer }> {
    return this.authoring.exportArchive(slug, version);
  }

  /** `version=draft`: the quiz as it stands in the draft (a new quiz has no version yet); a number: as published in it; none: the current version. */
  async exportGift(slug: string, quizSlug: string, version?: string): Promise<{ filename: string; body: string }> {
    if (version === 'draft') {
      const { revision, gift } = await this.authoring.exportDraftGift(slug, quizSlug);
      return { filename: `${slug}-${quizSlug}-draft-r${revision}.gift.txt`, body: gift };
    }
    const v = version === undefined ? undefined : positiveInt(version, 'version');
    return { filename: `${slug}-${quizSlug}${v ? `-v${v}` : ''}.gift.txt`, body: await this.authoring.exportGift(slug, quizSlug, v) };
  }

  /** `version=draft`, a number, or none, as for GIFT. */
  async exportMoodleXml(slug: string, quizSlug: string, version?: string): Promise<{ filename: string; body: string }> {
    if (version === 'draft') {
      const { revision, xml } = await this.authoring.exportDraftMoodleXml(slug, quizSlug);
      return { filename: `${slug}-${quizSlug}-draft-r${revision}.moodle.xml`, body: xml };
    }
    if (version !== undefined && !/^[1-9]\d{0,8}$/.test(version)) throw new DomainError(ErrorCode.ValidationFailed, 'version must be "draft" or a whole number from 1', { field: 'version' });
    const v = version === undefined ? undefined : Number(version);
    return { filename: `${slug}-${quizSlug}${v ? `-v${v}` : ''}.moodle.xml`, body: await this.authoring.exportMoodleXml(slug, quizSlug, v) };
  }

  async importArchive(file: Upload, publisherId: string): Promise<PageResult> {
    if (!file || file.size === 0) return this.index({ errors: { 'archive-file': 'authoring.error.zipEmpty' }, status: 400 });
    try {
      const r = await this.authoring.importArchive(file.buffer, publisherId);
      return this.index({ imported: r.courses });
    } catch (err) {
      if (is(err, ErrorCode.ValidationFailed)) {
        const problems = problemList(err).map((p) => ({ place: [p.file, p.line].filter((x) => x !== undefined).join(':'), text: p.code ? problemMessage({ code: p.code, params: p.params ?? {} }) : p.message }));
        const archiveProblem = err.details?.['archiveProblem'];
        const whole: string | Message = typeof archiveProblem === 'string'
          ? { key: `authoring.archive.problem.${archiveProblem}`, params: (err.details?.['params'] ?? {}) as Record<string, string | number> }
          : err.message;
        return this.index({ errors: { 'archive-file': whole }, importProblems: problems, status: 400 });
      }
      throw err;
    }
  }

  /** Deletes the draft (published versions stay); a stale form deletes nothing and shows who saved since. */
  async discardDraft(slug: string, form: Form): Promise<PageResult> {
    try {
      await this.authoring.discardDraft(slug, revisionOf(form));
      return { redirect: `/staff/authoring?discarded=${encodeURIComponent(slug)}` };
    } catch (err) {
      if (is(err, ErrorCode.Conflict)) return this.draft(slug, { message: conflictMessage(err, 'delete'), status: 409 });
      throw err;
    }
  }

  deleteModule(author: Author, slug: string, moduleSlug: string, form: Form): Promise<PageResult> {
    const next = `/staff/authoring/${slug}?${deletedLink('module', moduleSlug)}`;
    return this.edit(author, slug, form, (d) => removeModule(d, moduleSlug), next, (o) => this.module(slug, moduleSlug, o), 'delete');
  }

  deleteQuiz(author: Author, slug: string, quizSlug: string, form: Form): Promise<PageResult> {
    let moduleSlug = '';
    const apply = (d: DraftCourse) => {
      moduleSlug = findQuiz(d, quizSlug).module.slug;
      removeQuiz(d, quizSlug);
    };
    const next = () => `/staff/authoring/${slug}/modules/${moduleSlug}?${deletedLink('quiz', quizSlug)}`;
    return this.edit(author, slug, form, apply, next, (o) => this.quiz(slug, quizSlug, o), 'delete');
  }

  /**
   * Applies an edit under the revision check; a stale revision re-renders the page with who saved in
   * between (a refused save keeps what was typed; a refused deletion deleted nothing). `next` may be
   * a function, for a redirect that depends on what `apply` found.
   */
  private async edit(
    author: Author, slug: string, form: Form, apply: (d: DraftCourse) => void, next: string | (() => string),
    rerender: (o: Overrides) => Promise<PageResult>, action: 'save' | 'delete' = 'save',
  ): Promise<PageResult> {
    try {
      await this.authoring.editDraft(author, slug, revisionOf(form), apply);
      return { redirect: typeof next === 'string' ? next : next() };
    } catch (err) {
      if (is(err, ErrorCode.Conflict)) return rerender({ ...(action === 'save' ? { form } : {}), message: conflictMessage(err, action), status: 409 });
      const limit = limitMessage(err);
      if (limit) return rerender({ form, message: limit, status: is(err, ErrorCode.PayloadTooLarge) ? 413 : 400 });
      throw err;
    }
  }

  private courseErrors(draft: DraftResponse): FieldErrors {
    return Object.fromEntries(draft.problems.filter((p) => !p.field.startsWith('modules.') && p.field !== '').map((p) => [courseInputId(p.field), problemMessage(p)]));
  }

  private prefixErrors(draft: DraftResponse, prefix: string, toId: (rest: string) => string | null): FieldErrors {
    const out: FieldErrors = {};
    for (const p of draft.problems) {
      if (!p.field.startsWith(prefix)) continue;
      const id = toId(p.field.slice(prefix.length));
      if (id && !out[id]) out[id] = problemMessage(p);
    }
    return out;
  }
}

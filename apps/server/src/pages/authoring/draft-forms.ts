import { CLE_CATEGORIES, DraftCourse, DraftModule, DraftQuestion, DraftQuiz, newQuiz, optionalText, SLUG, uniqueQuestionId } from '@themis/catalog';
import { PROFESSIONS } from '@themis/core';
import type { Message } from '../../web/i18n';
import { QuestionFormType, QUESTION_TYPES, readQuestionBody, SPARE_ROWS } from './question-form';

/**
 * The editor's plain forms (no script needed) read into edits of the draft content. Each reader
 * collects input errors by field id (translation keys) and edits nothing when there is one;
 * what the course-file validator judges (missing text, bad citations…) is saved and shown as problems.
 */
export type Form = Record<string, unknown>;
/** By input id: a translation key for the form's own checks, or a Message for a validator problem. */
export type FieldErrors = Record<string, string | Message>;

/** The draft revision a form (text) or the editor script (a JSON number) was made from; -1, never current, when missing or malformed. */
export const revisionOf = (form: Form): number => {
  const n = typeof form['revision'] === 'number' ? form['revision'] : Number(text(form, 'revision'));
  return Number.isInteger(n) && n > 0 ? n : -1;
};

export { QUESTION_TYPES } from './question-form';
export const LANGUAGES = ['en', 'az', 'ru'] as const;

export const text = (form: Form, key: string): string => {
  const v = form[key];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};
const list = (form: Form, key: string): string[] => {
  const v = form[key];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
};
const checked = (form: Form, key: string) => form[key] !== undefined && form[key] !== '';

/** A whole number in [min, max], or null when the field is empty; `undefined` when invalid (an error is recorded). */
function whole(form: Form, key: string, id: string, min: number, max: number, errors: FieldErrors): number | null | undefined {
  const raw = text(form, key).trim();
  if (raw === '') return null;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    errors[id] = 'authoring.error.wholeNumber';
    return undefined;
  }
  return Number(raw);
}

function hours(form: Form, key: string, id: string, errors: FieldErrors): number | null | undefined {
  const raw = text(form, key).trim().replace(',', '.');
  if (raw === '') return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw)) {
    errors[id] = 'authoring.error.hours';
    return undefined;
  }
  return Number(raw);
}

function limited(form: Form, key: string, id: string, max: number, errors: FieldErrors): string {
  const v = text(form, key);
  if (v.length > max) errors[id] = 'authoring.error.tooLong';
  return v;
}

export function readNewCourse(form: Form): { slug: string; title: string; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const slug = text(form, 'slug').trim();
  const title = limited(form, 'title', 'new-title', 200, errors).trim();
  if (!SLUG.test(slug) || slug.length > 100) errors['new-slug'] = 'authoring.error.slug';
  if (title === '') errors['new-title'] = 'authoring.error.required';
  return { slug, title, errors };
}

/** Course metadata: title, summary, language, audience, CLE hours by category, validity, minimum lesson time. */
export function readCourseMeta(form: Form): { errors: FieldErrors; apply: (d: DraftCourse) => void } {
  const errors: FieldErrors = {};
  const title = limited(form, 'title', 'title', 200, errors);
  const summary = limited(form, 'summary', 'summary', 2000, errors);
  const language = text(form, 'language');
  if (!(LANGUAGES as readonly string[]).includes(language)) errors['language'] = 'authoring.error.choose';
  const audience = list(form, 'audience').filter((a) => (PROFESSIONS as readonly string[]).includes(a));
  const cle: Record<string, number> = {};
  for (const c of CLE_CATEGORIES) {
    const h = hours(form, `cle.${c}`, `cle-${c}`, errors);
    if (typeof h === 'number' && h > 0) cle[c] = h;
  }
  const validity = whole(form, 'validityMonths', 'validityMonths', 1, 600, errors);
  const minSeconds = whole(form, 'minLessonSeconds', 'minLessonSeconds', 1, 36000, errors);
  const published = checked(form, 'published');
  return {
    errors,
    apply: (d) => {
      d.title = title;
      d.summary = summary;
      d.language = language as DraftCourse['language'];
      d.audience = audience;
      d.cleHours = cle;
      if (validity) d.validityMonths = validity;
      else delete d.validityMonths;
      if (minSeconds) d.minLessonSeconds = minSeconds;
      else delete d.minLessonSeconds;
      d.published = published;
    },
  };
}

const allLessonSlugs = (d: DraftCourse) => new Set(d.modules.flatMap((m) => m.lessons.map((l) => l.slug)));

export function readNewModule(form: Form, d: DraftCourse): { errors: FieldErrors; slug: string; apply: (d: DraftCourse) => void } {
  const errors: FieldErrors = {};
  const slug = text(form, 'moduleSlug').trim();
  const title = limited(form, 'moduleTitle', 'module-title', 200, errors).trim();
  if (!SLUG.test(slug) || slug.length > 100) errors['module-slug'] = 'authoring.error.slug';
  else if (d.modules.some((m) => m.slug === slug)) errors['module-slug'] = 'authoring.error.taken';
  if (title === '') errors['module-title'] = 'authoring.error.required';
  return { errors, slug, apply: (c) => void c.modules.push({ slug, title, outcomes: [], lessons: [] }) };
}

/** Module metadata and lesson order; optionally a new lesson and a quiz. */
export function readModule(form: Form, d: DraftCourse, module: DraftModule): { errors: FieldErrors; apply: (d: DraftCourse) => void } {
  const errors: FieldErrors = {};
  const title = limited(form, 'title', 'title', 200, errors);
  const summary = limited(form, 'summary', 'summary', 2000, errors);
  const outcomes = text(form, 'outcomes').split('\n').map((s) => s.trim()).filter((s) => s !== '');
  const positions = new Map<string, number>();
  module.lessons.forEach((l, i) => {
    const p = whole(form, `order.${l.slug}`, `order-${l.slug}`, 1, 999, errors);
    positions.set(l.slug, typeof p === 'number' ? p : i + 1);
  });
  const lessonSlug = text(form, 'lessonSlug').trim();
  const lessonTitle = limited(form, 'lessonTitle', 'lesson-title', 200, errors).trim();
  if (lessonSlug !== '' || lessonTitle !== '') {
    if (!SLUG.test(lessonSlug) || lessonSlug.length > 100) errors['lesson-slug'] = 'authoring.error.slug';
    else if (allLessonSlugs(d).has(lessonSlug)) errors['lesson-slug'] = 'authoring.error.taken';
    if (lessonTitle === '') errors['lesson-title'] = 'authoring.error.required';
  }
  const quizTitle = limited(form, 'quizTitle', 'quiz-title', 200, errors).trim();
  return {
    errors,
    apply: (c) => {
      const m = c.modules.find((x) => x.slug === module.slug)!;
      m.title = title;
      const s = optionalText(summary);
      if (s === undefined) delete m.summary;
      else m.summary = s;
      m.outcomes = outcomes;
      const index = new Map(m.lessons.map((l, i) => [l.slug, i]));
      m.lessons.sort((a, b) => positions.get(a.slug)! - positions.get(b.slug)! || index.get(a.slug)! - index.get(b.slug)!);
      if (lessonSlug !== '') m.lessons.push({ slug: lessonSlug, title: lessonTitle, cases: [], markdown: `# ${lessonTitle}\n` });
      if (quizTitle !== '' && !m.quiz) m.quiz = newQuiz(m.slug, quizTitle);
    },
  };
}

/** How many blank option rows the quiz form offers under each question, to add options without a script. */
export const SPARE_OPTIONS = SPARE_ROWS;

/**
 * The quiz form: settings, every question (type, prompt, options with their correct flags or the
 * true/false answer, explanation, removal) and one blank question that is added when it has a prompt.
 */
export function readQuiz(form: Form, quiz: DraftQuiz): { errors: FieldErrors; apply: (d: DraftCourse) => void } {
  const errors: FieldErrors = {};
  const title = limited(form, 'title', 'title', 200, errors);
  const passMark = whole(form, 'passMark', 'passMark', 0, 100, errors);
  const maxAttempts = whole(form, 'maxAttempts', 'maxAttempts', 1, 100, errors);
  const timeLimit = whole(form, 'timeLimitMinutes', 'timeLimitMinutes', 1, 600, errors);
  if (passMark === null) errors['passMark'] = 'authoring.error.required';
  if (maxAttempts === null) errors['maxAttempts'] = 'authoring.error.required';
  const questions: DraftQuestion[] = [];
  const taken = new Set(quiz.questions.map((q) => q.id));
  const count = quiz.questions.length + 1;
  for (let i = 0; i < count; i++) {
    const p = `q.${i}.`;
    const existing = i < quiz.questions.length ? quiz.questions[i]! : undefined;
    if (existing && checked(form, `${p}remove`)) continue;
    const prompt = limited(form, `${p}prompt`, `q-${i}-prompt`, 5000, errors);
    if (!existing && prompt.trim() === '') continue;
    const type = text(form, `${p}type`);
    if (!(QUESTION_TYPES as readonly string[]).includes(type)) {
      errors[`q-${i}-type`] = 'authoring.error.choose';
      continue;
    }
    const explanation = limited(form, `${p}explanation`, `q-${i}-explanation`, 5000, errors);
    // What the form does not show (tags, module, scenario) stays with the question.
    const { options: _o, answer: _a, pairs: _p, answers: _as, caseSensitive: _c, ...kept } = existing ?? ({} as Partial<DraftQuestion>);
    const q: DraftQuestion = { ...kept, id: existing?.id ?? uniqueQuestionId(prompt, taken), type: type as DraftQuestion['type'], prompt, explanation, ...readQuestionBody(form, i, type as QuestionFormType, existing, errors) };
    questions.push(q);
  }
  return {
    errors,
    apply: (c) => {
      const m = c.modules.find((x) => x.quiz?.slug === quiz.slug)!;
      const qz = m.quiz!;
      qz.title = title;
      qz.passMark = passMark!;
      qz.maxAttempts = maxAttempts!;
      if (timeLimit) qz.timeLimitMinutes = timeLimit;
      else delete qz.timeLimitMinutes;
      qz.questions = questions;
    },
  };
}

/** Where a validator problem is fixed: the page and the id of its input. */
export function problemPlace(slug: string, d: DraftCourse, field: string): { href: string; inputId: string } {
  const parts = field.split('.');
  if (parts[0] !== 'modules' || parts.length < 2) return { href: `/staff/authoring/${slug}#${courseInputId(field)}`, inputId: courseInputId(field) };
  const m = d.modules[Number(parts[1])];
  if (!m) return { href: `/staff/authoring/${slug}`, inputId: '' };
  if (parts[2] === 'lessons' && m.lessons[Number(parts[3])]) return { href: `/staff/authoring/${slug}/lessons/${m.lessons[Number(parts[3])]!.slug}`, inputId: parts[4] ?? '' };
  if (parts[2] === 'quiz' && m.quiz) {
    const inputId = parts[3] === 'questions' ? `q-${parts[4]}-${parts[5] === 'options' ? `o-${parts[6] ?? 0}-text` : (parts[5] ?? 'prompt')}` : (parts[3] ?? 'title');
    return { href: `/staff/authoring/${slug}/quizzes/${m.quiz.slug}#${inputId}`, inputId };
  }
  const inputId = parts[2] ?? 'title';
  return { href: `/staff/authoring/${slug}/modules/${m.slug}#${inputId}`, inputId };
}

/** The course form's input ids: `cleHours.ethics` → `cle-ethics`. */
export function courseInputId(field: string): string {
  const [head, sub] = field.split('.');
  if (head === 'cleHours') return sub && (CLE_CATEGORIES as readonly string[]).includes(sub) ? `cle-${sub}` : 'cle-ethics';
  if (head === 'audience') return 'audience-defense_attorney';
  return head || 'title';
}

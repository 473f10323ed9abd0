import { CourseSource, LessonSource, QuestionSource } from '../format/course-source';
import { FieldChange, textDiff } from './text-diff';

export interface ChangeSet<T> {
  added: T[];
  removed: T[];
  /** `fields` names what changed; `changes` shows it, as a text diff per field. */
  edited: (T & { fields: string[]; changes: FieldChange[] })[];
}

export interface CourseDiff {
  from: number;
  to: number;
  /** Course metadata fields that differ (title, summary, cleHours…). */
  course: string[];
  courseChanges: FieldChange[];
  modules: ChangeSet<{ slug: string; title: string }>;
  lessons: ChangeSet<{ slug: string; title: string; module: string }>;
  quizzes: ChangeSet<{ slug: string; title: string; module: string }>;
  questions: ChangeSet<{ quiz: string; id: string; prompt: string }>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Object keys sorted, so two values that differ only in key order (JSONB reorders them) compare equal. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

const changedFields = <T extends object>(a: T, b: T, fields: (keyof T)[]) => fields.filter((f) => !same(a[f], b[f])).map(String);

function changeSet<T, R>(before: Map<string, T>, after: Map<string, T>, describe: (t: T) => R, fields: (a: T, b: T) => string[]): ChangeSet<R> {
  const out: ChangeSet<R> = { added: [], removed: [], edited: [] };
  for (const [key, b] of after) {
    const a = before.get(key);
    if (!a) out.added.push(describe(b));
    else {
      const f = fields(a, b);
      if (f.length) out.edited.push({ ...describe(b), fields: f, changes: f.map((name) => textDiff(name, valueOf(a, name), valueOf(b, name))) });
    }
  }
  for (const [key, a] of before) if (!after.has(key)) out.removed.push(describe(a));
  return out;
}

/** A field's value for the text diff; `lessons` and `questions` of a module or quiz are their order of slugs or ids. */
function valueOf(item: unknown, field: string): unknown {
  const value = (item as Record<string, unknown>)[field];
  if ((field === 'lessons' || field === 'questions') && Array.isArray(value)) return value.map((x: { slug?: string; id?: string }) => x.slug ?? x.id);
  return value;
}

const LESSON_FIELDS: (keyof LessonSource)[] = ['title', 'minutes', 'contentNote', 'cases', 'markdown'];
const QUESTION_FIELDS: (keyof QuestionSource)[] = ['type', 'prompt', 'options', 'answer', 'explanation', 'scenario'];

/** What changed between two versions: lessons by slug, questions by their stable id within a quiz. */
export function diffCourses(from: number, a: CourseSource, to: number, b: CourseSource): CourseDiff {
  const lessons = (s: CourseSource) => new Map(s.modules.flatMap((m) => m.lessons.map((l) => [l.slug, { ...l, module: m.slug }] as const)));
  const quizzes = (s: CourseSource) => new Map(s.modules.flatMap((m) => (m.quiz ? [[m.quiz.slug, { ...m.quiz, module: m.slug }] as const] : [])));
  const questions = (s: CourseSource) => new Map([...quizzes(s).values()].flatMap((q) => q.questions.map((x) => [`${q.slug}/${x.id}`, { ...x, quiz: q.slug }] as const)));
  const course = changedFields(a, b, ['title', 'summary', 'language', 'audience', 'cleHours', 'validityMonths', 'minLessonSeconds', 'published']);
  return {
    from,
    to,
    course,
    courseChanges: course.map((f) => textDiff(f, valueOf(a, f), valueOf(b, f))),
    modules: changeSet(new Map(a.modules.map((m) => [m.slug, m])), new Map(b.modules.map((m) => [m.slug, m])), (m) => ({ slug: m.slug, title: m.title }), (x, y) =>
      changedFields(x, y, ['title', 'summary', 'outcomes']).concat(same(x.lessons.map((l) => l.slug), y.lessons.map((l) => l.slug)) ? [] : ['lessons']),
    ),
    lessons: changeSet(lessons(a), lessons(b), (l) => ({ slug: l.slug, title: l.title, module: l.module }), (x, y) => changedFields(x, y, [...LESSON_FIELDS, 'module'])),
    quizzes: changeSet(quizzes(a), quizzes(b), (q) => ({ slug: q.slug, title: q.title, module: q.module }), (x, y) =>
      changedFields(x, y, ['title', 'passMark', 'maxAttempts', 'timeLimitMinutes']).concat(same(x.questions.map((q) => q.id), y.questions.map((q) => q.id)) ? [] : ['questions']),
    ),
    questions: changeSet(questions(a), questions(b), (q) => ({ quiz: q.quiz, id: q.id, prompt: q.prompt }), (x, y) => changedFields(x, y, QUESTION_FIELDS)),
  };
}

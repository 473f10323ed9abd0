import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { AnswerSource, CaseRef, CITATION, CourseSource, DrawSource, LessonSource, OptionSource, PairSource, QuestionSource, QuizSource, ReviewSource } from '../format/course-source';
import type { CourseTranslations } from '../format/translation-source';
import { translationFiles } from './translation-files';

/**
 * A course as the editor holds it: the course-file format's content without what the reader
 * derives (the bibliography subset, each question's citations). `cases` are the judgments
 * picked for the lesson (front matter); citations written inline in the text count too.
 */
export type DraftLesson = LessonSource;

export interface DraftQuestion {
  id: string;
  type: QuestionSource['type'];
  prompt: string;
  explanation: string;
  options: OptionSource[];
  answer?: boolean;
  scenario?: boolean;
  pairs?: PairSource[];
  answers?: AnswerSource[];
  caseSensitive?: boolean;
  tags?: string[];
  module?: string;
}

export interface DraftQuiz {
  slug: string;
  title: string;
  passMark: number;
  maxAttempts: number;
  timeLimitMinutes?: number;
  review?: ReviewSource;
  draw?: DrawSource;
  questions: DraftQuestion[];
}

export interface DraftModule {
  slug: string;
  title: string;
  summary?: string;
  outcomes: string[];
  lessons: DraftLesson[];
  quiz?: DraftQuiz;
}

export interface DraftCourse {
  slug: string;
  title: string;
  summary: string;
  language: CourseSource['language'];
  audience: string[];
  cleHours: CourseSource['cleHours'];
  validityMonths?: number;
  minLessonSeconds?: number;
  lessonsBeforeQuiz?: boolean;
  published: boolean;
  modules: DraftModule[];
  /** Carried from the version the draft started from; written back as translation files (translation-files.ts). */
  translations?: CourseTranslations;
}

const inlineCitations = (markdown: string) => [...new Set([...markdown.matchAll(CITATION)].map((m) => m[1]!))];

/**
 * The shortest front-matter list that the reader turns back into exactly `cases`
 * (it keeps the front matter's order, then adds inline citations in text order).
 */
function declaredCases(lesson: LessonSource): string[] {
  const inline = inlineCitations(lesson.markdown);
  for (let k = 0; k <= lesson.cases.length; k++) {
    const prefix = lesson.cases.slice(0, k);
    const rebuilt = [...new Set([...prefix, ...inline])];
    if (JSON.stringify(rebuilt) === JSON.stringify(lesson.cases)) return prefix;
  }
  return lesson.cases;
}

const quizToDraft = (quiz: QuizSource): DraftQuiz => ({
  slug: quiz.slug,
  title: quiz.title,
  passMark: quiz.passMark,
  maxAttempts: quiz.maxAttempts,
  ...(quiz.timeLimitMinutes ? { timeLimitMinutes: quiz.timeLimitMinutes } : {}),
  ...(quiz.review ? { review: { ...quiz.review } } : {}),
  ...(quiz.draw ? { draw: structuredClone(quiz.draw) } : {}),
  questions: quiz.questions.map((q) => {
    const { cites: _c, ...rest } = q;
    return { ...structuredClone(rest), options: q.type === 'true_false' ? [] : q.options.map((o) => ({ ...o })) };
  }),
});

/** An imported version back into editable form. */
export function draftFromSource(source: CourseSource): DraftCourse {
  return {
    slug: source.slug,
    title: source.title,
    summary: source.summary,
    language: source.language,
    audience: [...source.audience],
    cleHours: { ...source.cleHours },
    ...(source.validityMonths !== undefined ? { validityMonths: source.validityMonths } : {}),
    ...(source.minLessonSeconds ? { minLessonSeconds: source.minLessonSeconds } : {}),
    ...(source.lessonsBeforeQuiz ? { lessonsBeforeQuiz: true } : {}),
    published: source.published,
    modules: source.modules.map((m) => ({
      slug: m.slug,
      title: m.title,
      ...(m.summary ? { summary: m.summary } : {}),
      outcomes: [...m.outcomes],
      lessons: m.lessons.map((l) => ({
        slug: l.slug,
        title: l.title,
        ...(l.minutes ? { minutes: l.minutes } : {}),
        ...(l.contentNote ? { contentNote: l.contentNote } : {}),
        cases: declaredCases(l),
        markdown: l.markdown,
      })),
      ...(m.quiz ? { quiz: quizToDraft(m.quiz) } : {}),
    })),
    ...(source.translations ? { translations: source.translations } : {}),
  };
}

/** One file of a course folder, with the editor field each of its lines belongs to. */
export interface CourseFile {
  path: string;
  text: string;
  fieldAt(line: number): string;
}

const yamlText = (value: unknown) => new Document(value).toString({ lineWidth: 0 });

/** Which field path (dot-separated) starts on each line of a YAML text: the deepest key or item wins. */
function yamlLineFields(text: string, lineOffset: number, toField: (path: (string | number)[]) => string): Map<number, string> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const out = new Map<number, string>();
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line + lineOffset : undefined);
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const p = [...path, String(pair.key.value)];
        const line = lineOf(pair.key as Node);
        if (line !== undefined) out.set(line, toField(p));
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = [...path, i];
        const line = lineOf(item as Node);
        if (line !== undefined) out.set(line, toField(p));
        walk(item, p);
      });
    }
  };
  walk(doc.contents, []);
  return out;
}

function yamlFile(path: string, value: unknown, toField: (p: (string | number)[]) => string, fallback: string): CourseFile {
  const text = yamlText(value);
  const fields = yamlLineFields(text, 0, toField);
  return { path, text, fieldAt: (line) => fields.get(line) ?? fallback };
}

const join = (...parts: (string | number)[]) => parts.join('.');

/** Drops undefined so YAML does not print `key: null` for a field the author left out. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/**
 * The course in the `courses/` folder format, each file with a map from its lines back to the
 * draft's fields. `names` gives the folder or file name to use for a slug that cannot be one
 * (the caller has already reported it), so a bad slug never becomes a path.
 */
export function courseFiles(draft: DraftCourse, safeName: (slug: unknown, fallback: string) => string = (s) => String(s)): CourseFile[] {
  const files: CourseFile[] = [];
  const courseDir = safeName(draft.slug, 'course');
  const modules = Array.isArray(draft.modules) ? draft.modules : [];
  const moduleNames = modules.map((m, i) => safeName(m?.slug, `module-${i + 1}`));
  const { slug: _slug, modules: _modules, translations: _translations, ...courseMeta } = draft;
  const allLessonNames: string[][] = [];
  files.push(
    yamlFile(`${courseDir}/course.yaml`, defined({ ...courseMeta, modules: moduleNames }), (p) => (p[0] === 'modules' && p.length > 1 ? join('modules', p[1]!, 'slug') : join(...p)), 'slug'),
  );
  modules.forEach((mod, i) => {
    const dir = `${courseDir}/${moduleNames[i]}`;
    const at = (...p: (string | number)[]) => join('modules', i, ...p);
    const lessons = Array.isArray(mod?.lessons) ? mod.lessons : [];
    const lessonNames = lessons.map((l, j) => safeName(l?.slug, `lesson-${j + 1}`));
    allLessonNames.push(lessonNames);
    const { slug: _s, lessons: _l, quiz, ...moduleMeta } = mod ?? ({} as DraftModule);
    files.push(yamlFile(`${dir}/module.yaml`, defined({ ...moduleMeta, lessons: lessonNames }), (p) => (p[0] === 'lessons' && p.length > 1 ? at('lessons', p[1]!, 'slug') : at(...p)), at('slug')));
    lessons.forEach((lesson, j) => {
      const lat = (...p: (string | number)[]) => at('lessons', j, ...p);
      const { slug: _ls, markdown, ...front } = lesson ?? ({} as DraftLesson);
      const cases = Array.isArray(front.cases) && front.cases.length > 0 ? front.cases : undefined;
      const fm = yamlText(defined({ ...front, cases }));
      const text = `---\n${fm}---\n\n${typeof markdown === 'string' ? markdown : ''}`;
      const fmFields = yamlLineFields(fm, 1, (p) => lat(...p));
      const bodyStart = fm.split('\n').length + 1;
      files.push({ path: `${dir}/${lessonNames[j]}.md`, text, fieldAt: (line) => (line >= bodyStart ? lat('markdown') : fmFields.get(line) ?? lat('slug')) });
    });
    if (quiz) {
      // A true/false question is written with `answer`, short-answer and numerical ones with `answers`,
      // the others with `options` (a matching question's only when it has extra wrong matches), as authors write them.
      const questions = Array.isArray(quiz.questions)
        ? quiz.questions.map((q) => {
            if (q === null || typeof q !== 'object') return q;
            const { options, answer, ...rest } = q;
            const hasOptions = Array.isArray(options) && options.length > 0;
            if (q.type === 'true_false') return defined({ ...rest, answer, ...(hasOptions ? { options } : {}) });
            // A matching question's extra wrong matches are only texts in the files (GIFT and Moodle XML imports, and the form, give them `correct: false`).
            const extra = q.type === 'matching' && hasOptions ? options.map((o) => (o !== null && typeof o === 'object' && 'text' in o ? { text: o.text } : o)) : options;
            if (q.type === 'matching' || q.type === 'short_answer' || q.type === 'numerical') return defined({ ...rest, ...(hasOptions ? { options: extra } : {}), ...(answer !== undefined ? { answer } : {}) });
            return defined({ ...rest, options, ...(answer !== undefined ? { answer } : {}) });
          })
        : quiz.questions;
      files.push(yamlFile(`${dir}/quiz.yaml`, defined({ ...quiz, questions }), (p) => at('quiz', ...p), at('quiz', 'slug')));
    }
  });
  files.push(...translationFiles(draft, { course: courseDir, modules: moduleNames, lessons: allLessonNames }));
  return files;
}

/** A bibliography file holding exactly the judgments given. */
export function bibliographyFile(name: string, entries: Record<string, CaseRef>): CourseFile {
  const body = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)).map(([key, ref]) => {
    const { key: _k, ...facts } = ref;
    return [key, { name: facts.name, applicationNumbers: facts.applicationNumbers, judgmentDate: facts.judgmentDate, formation: facts.formation, articles: facts.articles, ...(facts.source ? { source: facts.source } : {}) }];
  }));
  return { path: `bibliography/${name}.yaml`, text: yamlText(body), fieldAt: () => '' };
}

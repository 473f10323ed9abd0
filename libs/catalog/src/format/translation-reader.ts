import * as fs from 'node:fs';
import * as path from 'node:path';
import { CitationResolver } from './citation-resolver';
import { CourseSource, ModuleSource, Problem, QuizSource } from './course-source';
import { Fields } from './fields';
import { correctLongestInQuiz, questionWarnings } from './item-writing';
import { ProblemText, said } from './problem-codes';
import {
  CONTENT_LANGUAGES,
  ContentLanguage,
  CourseTranslation,
  CourseTranslations,
  courseTextHash,
  evaluationTextHash,
  lessonTextHash,
  moduleTextHash,
  QuestionTranslation,
  questionTextHash,
  quizTitleHash,
} from './translation-source';
import { YamlSource } from './yaml-source';

const COURSE_KEYS = ['sourceHash', 'title', 'summary'] as const;
const MODULE_KEYS = ['sourceHash', 'title', 'summary', 'outcomes'] as const;
const LESSON_KEYS = ['sourceHash', 'title', 'contentNote'] as const;
const QUIZ_KEYS = ['sourceHash', 'title', 'questions'] as const;
const QUESTION_KEYS = ['sourceHash', 'prompt', 'explanation', 'options'] as const;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** `the-salduz-rule.az.md` → `az`: a file that is a translation of its neighbour. */
export const TRANSLATION_FILE = /\.(az|en|ru)\.(md|ya?ml)$/;

/**
 * Reads the translation files beside a course's source files: `course.<lang>.yaml` offers the
 * course in <lang>, and then every module, lesson and quiz should have its `<name>.<lang>.*`.
 * Every problem here is a warning, so a translator's slip never takes a course offline: the
 * piece is left out and learners read the source. `courses:validate` still fails on it.
 */
export function readTranslations(dir: string, course: CourseSource, citations: CitationResolver, problems: Problem[]): CourseTranslations {
  const out: CourseTranslations = {};
  const warn = (file: string, line: number, text: ProblemText) => problems.push({ file, line, ...text, severity: 'warning' });
  for (const lang of CONTENT_LANGUAGES.filter((l) => l !== course.language)) {
    const file = path.join(dir, `course.${lang}.yaml`);
    if (!fs.existsSync(file)) {
      for (const orphan of translationFilesOf(dir, course, lang)) warn(orphan, 1, said('translationCourseMissing', { file: `course.${lang}.yaml`, lang }));
      continue;
    }
    const t = new TranslationFiles(lang, citations, warn);
    const head = t.yaml(file, COURSE_KEYS, courseTextHash(course));
    const title = head?.text('title', { required: true, max: 200 });
    const summary = head?.text('summary', { required: true, max: 2000 });
    const translation: CourseTranslation = { ...(head && title && summary ? { title, summary, sourceHash: courseTextHash(course) } : {}), modules: {}, lessons: {}, quizzes: {} };
    for (const mod of course.modules) t.module(path.join(dir, mod.slug), mod, translation);
    if (course.evaluation) t.evaluation(dir, course.evaluation, translation);
    out[lang] = translation;
  }
  return out;
}

function translationFilesOf(dir: string, course: CourseSource, lang: ContentLanguage): string[] {
  const ending = new RegExp(`\\.${lang}\\.(md|ya?ml)$`);
  return course.modules.flatMap((m) => {
    const moduleDir = path.join(dir, m.slug);
    return fs.existsSync(moduleDir) ? fs.readdirSync(moduleDir).filter((n) => ending.test(n)).map((n) => path.join(moduleDir, n)) : [];
  });
}

class TranslationFiles {
  constructor(
    private readonly lang: ContentLanguage,
    private readonly citations: CitationResolver,
    private readonly warn: (file: string, line: number, text: ProblemText) => void,
  ) {}

  /** A translation YAML file, its problems as warnings; undefined when it is unusable or stale. */
  yaml(file: string, keys: readonly string[], expectedHash: string, text?: string, lineOffset = 0): Fields | undefined {
    const local: Problem[] = [];
    const src = new YamlSource(file, text ?? fs.readFileSync(file, 'utf8'), local, lineOffset);
    const f = src.data === undefined ? undefined : Fields.of(src, [], src.data, keys, { kind: 'file', file: path.basename(file) });
    const fresh = f && this.fresh(f, expectedHash);
    for (const p of local) this.warn(p.file, p.line, p);
    return local.length === 0 && fresh ? f : undefined;
  }

  /** Compares the recorded `sourceHash` with the source's; a mismatch is reported at the key's line. */
  fresh(f: Fields, expected: string): boolean {
    const recorded = f.text('sourceHash');
    if (recorded !== expected) f.report('sourceHash', said('translationStale', { lang: this.lang, hash: expected }));
    return recorded === expected;
  }

  module(dir: string, mod: ModuleSource, into: CourseTranslation): void {
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(`.${this.lang}.md`))) {
      const slug = name.slice(0, -`.${this.lang}.md`.length);
      if (!mod.lessons.some((l) => l.slug === slug)) this.warn(path.join(dir, name), 1, said('translationNoSource', { source: `${slug}.md` }));
    }
    for (const lesson of mod.lessons) this.lesson(path.join(dir, `${lesson.slug}.md`), lesson, into);
    if (mod.quiz) this.quiz(path.join(dir, 'quiz.yaml'), mod.quiz, into);
    const file = path.join(dir, `module.${this.lang}.yaml`);
    if (!this.present(file, path.join(dir, 'module.yaml'))) return;
    const f = this.yaml(file, MODULE_KEYS, moduleTextHash(mod));
    const title = f?.text('title', { required: true, max: 200 });
    const summary = f?.text('summary', { max: 2000 });
    const outcomes = f?.textList('outcomes') ?? [];
    if (f && outcomes.length !== mod.outcomes.length) f.report('outcomes', said('translationOptionCount', { count: outcomes.length, expected: mod.outcomes.length }));
    else if (f && title) into.modules[mod.slug] = { title, ...(summary ? { summary } : {}), outcomes, sourceHash: moduleTextHash(mod) };
  }

  private lesson(sourceFile: string, lesson: ModuleSource['lessons'][number], into: CourseTranslation): void {
    const file = sourceFile.replace(/\.md$/, `.${this.lang}.md`);
    if (!this.present(file, sourceFile)) return;
    const text = fs.readFileSync(file, 'utf8');
    const match = FRONT_MATTER.exec(text);
    if (!match) return this.warn(file, 1, said('frontMatterMissing'));
    const f = this.yaml(file, LESSON_KEYS, lessonTextHash(lesson), match[1]!, 1);
    const title = f?.text('title', { required: true, max: 200 });
    const contentNote = f?.text('contentNote', { max: 1000 });
    const markdown = text.slice(match[0].length);
    const bodyFirstLine = match[0].split('\n').length;
    if (markdown.trim() === '') return this.warn(file, bodyFirstLine, said('lessonEmpty'));
    let cited = true;
    this.citations.scan(markdown, (line, problem) => ((cited = false), this.warn(file, line, problem)), bodyFirstLine);
    if (f && title && cited) into.lessons[lesson.slug] = { title, ...(contentNote ? { contentNote } : {}), markdown: markdown.trim() + '\n', sourceHash: lessonTextHash(lesson) };
  }

  private quiz(sourceFile: string, quiz: QuizSource, into: CourseTranslation): void {
    const file = sourceFile.replace(/\.yaml$/, `.${this.lang}.yaml`);
    if (!this.present(file, sourceFile)) return;
    const local: Problem[] = [];
    const src = new YamlSource(file, fs.readFileSync(file, 'utf8'), local);
    const f = src.data === undefined ? undefined : Fields.of(src, [], src.data, QUIZ_KEYS, { kind: 'file', file: path.basename(file) });
    const titleFresh = f ? this.fresh(f, quizTitleHash(quiz.title)) : false;
    const title = f?.text('title', { max: 200 });
    const given = (f?.value['questions'] ?? {}) as Record<string, unknown>;
    const questions: Record<string, QuestionTranslation> = {};
    if (f && (typeof given !== 'object' || Array.isArray(given))) f.report('questions', said('mapping.file', { file: 'questions' }));
    else if (f) {
      for (const id of Object.keys(given)) if (!quiz.questions.some((q) => q.id === id)) src.report(['questions', id], said('translationUnknownQuestion', { id }));
      const sourceLines = new YamlSource(sourceFile, fs.readFileSync(sourceFile, 'utf8'), []);
      quiz.questions.forEach((q, i) => {
        if (given[q.id] === undefined) return this.warn(sourceFile, sourceLines.lineOf(['questions', i]), said('translationQuestionMissing', { id: q.id, lang: this.lang, file: path.basename(file) }));
        const before = local.length;
        const qf = Fields.of(src, ['questions', q.id], given[q.id], QUESTION_KEYS, { kind: 'question', n: i + 1 });
        if (!qf || !this.fresh(qf, questionTextHash(q))) return;
        const prompt = qf.text('prompt', { required: true, max: 4000 });
        const explanation = qf.text('explanation', { required: true, max: 4000 });
        const options = qf.textList('options', q.options.length > 0) ?? [];
        if (options.length !== q.options.length) qf.report('options', said('translationOptionCount', { count: options.length, expected: q.options.length }));
        for (const key of ['prompt', 'explanation'] as const) {
          const text = qf.value[key];
          if (typeof text === 'string') this.citations.scan(text, (_line, problem) => qf.report(key, problem));
        }
        if (local.length === before && prompt && explanation) questions[q.id] = { sourceHash: questionTextHash(q), prompt, explanation, options };
      });
    }
    // The item-writing checks hold in every language: a translation can make the right option stand out too.
    const translated = quiz.questions.filter((q) => questions[q.id]).map((q) => ({ q, t: withTexts(q, questions[q.id]!) }));
    for (const { q, t } of translated) for (const w of questionWarnings(t)) this.warn(file, src.lineOf(['questions', q.id, ...w.at]), w.text);
    for (const w of correctLongestInQuiz(translated.map((x) => x.t))) this.warn(file, src.lineOf(['questions']), w.text);
    for (const p of local) this.warn(p.file, p.line, p);
    if (f) into.quizzes[quiz.slug] = { ...(title && titleFresh ? { title, sourceHash: quizTitleHash(quiz.title) } : {}), questions };
  }

  /** evaluation.<lang>.yaml: the form's title and its items' texts by id; an item left out is shown in the source language. */
  evaluation(dir: string, form: NonNullable<CourseSource['evaluation']>, into: CourseTranslation): void {
    const file = path.join(dir, `evaluation.${this.lang}.yaml`);
    if (!this.present(file, path.join(dir, 'evaluation.yaml'))) return;
    const f = this.yaml(file, ['sourceHash', 'title', 'items'], evaluationTextHash(form));
    const title = f?.text('title', { required: true, max: 200 });
    const given = f?.value['items'];
    if (!f || !title) return;
    if (given === null || typeof given !== 'object' || Array.isArray(given)) return f.report('items', said('mapping.file', { file: 'items' }));
    const items: Record<string, string> = {};
    for (const [id, text] of Object.entries(given as Record<string, unknown>)) {
      if (!form.items.some((i) => i.id === id)) this.warn(file, 1, said('translationUnknownItem', { id }));
      else if (typeof text === 'string' && text.trim()) items[id] = text.trim();
    }
    into.evaluation = { title, items, sourceHash: evaluationTextHash(form) };
  }

  /** Whether the translation file exists; a missing one is reported at the source file's first line. */
  private present(file: string, sourceFile: string): boolean {
    if (fs.existsSync(file)) return true;
    this.warn(sourceFile, 1, said('translationMissing', { lang: this.lang, file: path.basename(file), courseFile: `course.${this.lang}.yaml` }));
    return false;
  }
}

/** The source question with the translation's texts: the key, types and weights stay the source's. */
function withTexts(q: QuizSource['questions'][number], t: QuestionTranslation): QuizSource['questions'][number] {
  return { ...q, prompt: t.prompt, explanation: t.explanation, options: q.options.map((o, i) => ({ ...o, text: t.options[i] ?? o.text })) };
}

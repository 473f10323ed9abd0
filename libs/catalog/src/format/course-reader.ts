import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROFESSIONS } from '@themis/core';
import { readBibliography } from './bibliography-reader';
import { CitationResolver } from './citation-resolver';
import { AttendanceCodesSource, CLE_CATEGORIES, CourseSource, LessonSource, ModuleSource, Problem, SLUG } from './course-source';
import { Fields } from './fields';
import { said } from './problem-codes';
import { readEvaluation } from './evaluation-reader';
import { readQuiz } from './quiz-reader';
import { readTranslations, TRANSLATION_FILE } from './translation-reader';
import { YamlSource } from './yaml-source';

const COURSE_KEYS = ['title', 'summary', 'language', 'audience', 'cleHours', 'validityMonths', 'minLessonSeconds', 'lessonsBeforeQuiz', 'evaluationRequired', 'attendanceCodes', 'published', 'modules'] as const;
const ATTENDANCE_KEYS = ['everyMinutes', 'required'] as const;
const MODULE_KEYS = ['title', 'summary', 'outcomes', 'lessons'] as const;
const LESSON_KEYS = ['title', 'minutes', 'contentNote', 'cases'] as const;
const SLUG_ITEMS = { test: SLUG, code: 'listItemSlug' } as const;

export interface CatalogReadResult {
  courses: CourseSource[];
  /** Slugs of course folders that have problems and so are not imported. */
  invalid: string[];
  problems: Problem[];
  /** Item-writing warnings (item-writing.ts): reported, but they do not stop an import. */
  warnings: Problem[];
}

export function readCatalog(coursesDir: string): CatalogReadResult {
  const problems: Problem[] = [];
  const bibliography = readBibliography(coursesDir, problems);
  const courses: CourseSource[] = [];
  const invalid: string[] = [];
  const warnings: Problem[] = [];
  if (!fs.existsSync(coursesDir)) return { courses, invalid, problems: [{ file: coursesDir, line: 1, ...said('coursesFolderMissing') }], warnings };
  for (const slug of fs.readdirSync(coursesDir).sort()) {
    const dir = path.join(coursesDir, slug);
    if (!fs.statSync(dir).isDirectory() || !fs.existsSync(path.join(dir, 'course.yaml'))) continue;
    const own: Problem[] = [];
    const course = readCourse(dir, slug, new CitationResolver(bibliography), own, warnings);
    problems.push(...own);
    if (course && !own.some((p) => p.severity !== 'warning')) courses.push(course);
    else invalid.push(slug);
  }
  return { courses, invalid, problems, warnings };
}

export function readCourse(dir: string, slug: string, citations: CitationResolver, problems: Problem[], warnings: Problem[] = []): CourseSource | undefined {
  const file = path.join(dir, 'course.yaml');
  const src = new YamlSource(file, fs.readFileSync(file, 'utf8'), problems);
  if (!SLUG.test(slug)) problems.push({ file, line: 1, ...said('folderNotSlug', { slug }) });
  if (src.data === undefined) return undefined;
  const f = Fields.of(src, [], src.data, COURSE_KEYS, { kind: 'file', file: 'course.yaml' });
  if (!f) return undefined;
  const title = f.text('title', { required: true, max: 200 });
  const summary = f.text('summary', { required: true, max: 2000 });
  const language = f.text('language') ?? 'en';
  if (!['en', 'az', 'ru'].includes(language)) f.report('language', said('language', { allowed: 'en, az, ru' }));
  const audience = f.textList('audience', true);
  audience?.forEach((a, i) => {
    if (!(PROFESSIONS as readonly string[]).includes(a)) src.report(['audience', i], said('audience', { value: a, allowed: PROFESSIONS.join(', ') }));
  });
  const cleHours: CourseSource['cleHours'] = {};
  const hours = f.value['cleHours'];
  if (hours === undefined) f.report('cleHours', said('requiredKey', { key: 'cleHours' }));
  else if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) f.report('cleHours', said('cleHoursMapping'));
  else {
    for (const [cat, h] of Object.entries(hours)) {
      if (!(CLE_CATEGORIES as readonly string[]).includes(cat)) src.report(['cleHours', cat], said('cleCategory', { category: cat, allowed: CLE_CATEGORIES.join(', ') }));
      else if (typeof h !== 'number' || h < 0 || h > 200 || Math.round(h * 4) !== h * 4) src.report(['cleHours', cat], said('cleHoursStep', { category: cat }));
      else cleHours[cat as keyof typeof cleHours] = h;
    }
    if (Object.values(cleHours).reduce((s, h) => s + (h ?? 0), 0) <= 0) f.report('cleHours', said('cleHoursTotal'));
  }
  const validityMonths = f.int('validityMonths', 1, 240);
  const minLessonSeconds = f.int('minLessonSeconds', 0, 3600);
  const lessonsBeforeQuiz = f.bool('lessonsBeforeQuiz');
  const evaluationRequired = f.bool('evaluationRequired');
  const evaluation = readEvaluation(dir, problems);
  if (evaluationRequired && !evaluation && !fs.existsSync(path.join(dir, 'evaluation.yaml'))) f.report('evaluationRequired', said('evaluationMissing'));
  const attendanceCodes = readAttendanceCodes(src, f.value['attendanceCodes']);
  const published = f.bool('published') ?? true;
  const moduleSlugs = f.textList('modules', true, SLUG_ITEMS) ?? [];

  const modules: ModuleSource[] = [];
  const lessonSlugs = new Set<string>();
  const quizSlugs = new Set<string>();
  moduleSlugs.forEach((m, i) => {
    if (moduleSlugs.indexOf(m) !== i) return src.report(['modules', i], said('moduleListedTwice', { slug: m }));
    const moduleDir = path.join(dir, m);
    if (!fs.existsSync(path.join(moduleDir, 'module.yaml'))) return src.report(['modules', i], said('moduleNoFile', { slug: m }));
    const mod = readModule(moduleDir, m, citations, problems, warnings, moduleSlugs);
    if (!mod) return;
    for (const lesson of mod.lessons) {
      if (lessonSlugs.has(lesson.slug)) problems.push({ file: path.join(moduleDir, `${lesson.slug}.md`), line: 1, ...said('lessonSlugTwice', { slug: lesson.slug }) });
      lessonSlugs.add(lesson.slug);
    }
    if (mod.quiz) {
      if (quizSlugs.has(mod.quiz.slug)) problems.push({ file: path.join(moduleDir, 'quiz.yaml'), line: 1, ...said('quizSlugTwice', { slug: mod.quiz.slug }) });
      quizSlugs.add(mod.quiz.slug);
    }
    modules.push(mod);
  });
  if (!title || !summary || !audience) return undefined;
  const course: CourseSource = {
    slug,
    title,
    summary,
    language: language as CourseSource['language'],
    audience,
    cleHours,
    ...(validityMonths !== undefined ? { validityMonths } : {}),
    ...(minLessonSeconds ? { minLessonSeconds } : {}),
    ...(lessonsBeforeQuiz ? { lessonsBeforeQuiz } : {}),
    ...(evaluation ? { evaluation } : {}),
    ...(evaluationRequired ? { evaluationRequired } : {}),
    ...(attendanceCodes ? { attendanceCodes } : {}),
    published,
    modules,
    bibliography: {},
  };
  const translations = readTranslations(dir, course, citations, problems);
  if (Object.keys(translations).length > 0) course.translations = translations;
  course.bibliography = Object.fromEntries([...citations.used].sort(([a], [b]) => a.localeCompare(b)));
  return course;
}

/** `attendanceCodes: { everyMinutes: 50, required: 3 }`: codes shown while studying that completion asks for. */
function readAttendanceCodes(src: YamlSource, value: unknown): AttendanceCodesSource | undefined {
  if (value === undefined || value === null) return undefined;
  const f = Fields.of(src, ['attendanceCodes'], value, ATTENDANCE_KEYS, { kind: 'attendanceCodes' });
  if (!f) return undefined;
  const everyMinutes = f.int('everyMinutes', 1, 50, true);
  const required = f.int('required', 1, 100);
  if (everyMinutes === undefined) return undefined;
  return { everyMinutes, ...(required !== undefined ? { required } : {}) };
}

function readModule(dir: string, slug: string, citations: CitationResolver, problems: Problem[], warnings: Problem[], modules: string[]): ModuleSource | undefined {
  const file = path.join(dir, 'module.yaml');
  const src = new YamlSource(file, fs.readFileSync(file, 'utf8'), problems);
  if (src.data === undefined) return undefined;
  const f = Fields.of(src, [], src.data, MODULE_KEYS, { kind: 'file', file: 'module.yaml' });
  if (!f) return undefined;
  const title = f.text('title', { required: true, max: 200 });
  const summary = f.text('summary', { max: 2000 });
  const outcomes = f.textList('outcomes') ?? [];
  const lessonSlugs = f.textList('lessons', true, SLUG_ITEMS) ?? [];
  const lessons: LessonSource[] = [];
  lessonSlugs.forEach((l, i) => {
    if (lessonSlugs.indexOf(l) !== i) return src.report(['lessons', i], said('lessonListedTwice', { slug: l }));
    const lessonFile = path.join(dir, `${l}.md`);
    if (!fs.existsSync(lessonFile)) return src.report(['lessons', i], said('lessonNoFile', { slug: l }));
    const lesson = readLesson(lessonFile, l, citations, problems);
    if (lesson) lessons.push(lesson);
  });
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.md') && !TRANSLATION_FILE.test(name) && !lessonSlugs.includes(name.slice(0, -3))) {
      problems.push({ file: path.join(dir, name), line: 1, ...said('lessonNotListed', { file: name }) });
    }
  }
  const quizFile = path.join(dir, 'quiz.yaml');
  const quiz = fs.existsSync(quizFile) ? readQuiz(quizFile, `${slug}-quiz`, citations, problems, warnings, { modules, own: slug }) : undefined;
  if (!title) return undefined;
  return { slug, title, ...(summary ? { summary } : {}), outcomes, lessons, ...(quiz ? { quiz } : {}) };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function readLesson(file: string, slug: string, citations: CitationResolver, problems: Problem[]): LessonSource | undefined {
  const text = fs.readFileSync(file, 'utf8');
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    problems.push({ file, line: 1, ...said('frontMatterMissing') });
    return undefined;
  }
  const src = new YamlSource(file, match[1]!, problems, 1);
  if (src.data === undefined) return undefined;
  const f = Fields.of(src, [], src.data, LESSON_KEYS, { kind: 'frontMatter' });
  if (!f) return undefined;
  const title = f.text('title', { required: true, max: 200 });
  const minutes = f.int('minutes', 1, 300);
  const contentNote = f.text('contentNote', { max: 1000 });
  const declared = f.textList('cases') ?? [];
  declared.forEach((key, i) => citations.resolve(key, (text) => src.report(['cases', i], text)));
  const markdown = text.slice(match[0].length);
  const bodyFirstLine = match[0].split('\n').length;
  if (markdown.trim() === '') problems.push({ file, line: bodyFirstLine, ...said('lessonEmpty') });
  const inline = citations.scan(markdown, (line, text) => problems.push({ file, line, ...text }), bodyFirstLine);
  if (!title) return undefined;
  const cases = [...new Set([...declared, ...inline])];
  return { slug, title, ...(minutes ? { minutes } : {}), ...(contentNote ? { contentNote } : {}), cases, markdown: markdown.trim() + '\n' };
}

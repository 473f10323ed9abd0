import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { CatalogReadResult, CONTENT_LANGUAGES, readCatalog } from '@themis/catalog';
import { projectRoot } from '@themis/core';

const COURSES = path.join(projectRoot, 'courses');

/**
 * Courses that must be offered in Azerbaijani and in Russian (issue 17, item 4). Add each
 * course here once both of its translations are complete; from then on a lesson, module, quiz
 * or question added to it without its translations, or a source text changed after it was
 * translated, fails this suite.
 */
export const TRANSLATED_COURSES: string[] = ['access-to-a-lawyer-essentials', 'convention-criminal-procedure', 'trafficking-victims', 'echr-criminal-practice'];
const REQUIRED_LANGUAGES = ['az', 'ru'] as const;

/**
 * What is missing or stale in one course's translation into `lang`, as the catalog's own reader
 * sees it: the problems it reports for that language in the course's folder (missing, stale or
 * malformed, at file:line), and every piece it therefore left out of `translations[lang]` — it
 * keeps only a piece whose `sourceHash` matches its source.
 */
export function translationGaps(catalog: CatalogReadResult, coursesDir: string, slug: string, lang: string): string[] {
  const dir = path.join(coursesDir, slug) + path.sep;
  const course = catalog.courses.find((c) => c.slug === slug);
  if (!course) return [`${slug}: the course does not validate, so its translations are not read`];
  const reported = catalog.problems
    .filter((p) => p.file.startsWith(dir) && (p.params['lang'] === lang || path.basename(p.file).includes(`.${lang}.`)))
    .map((p) => `${path.relative(projectRoot, p.file)}:${p.line}: ${p.message}`);
  const t = course.translations?.[lang as (typeof CONTENT_LANGUAGES)[number]];
  if (!t) return [...reported, `${slug}: no course.${lang}.yaml`];
  const left: string[] = [];
  if (!t.title || !t.summary) left.push(`${slug}/course.${lang}.yaml`);
  for (const m of course.modules) {
    if (!t.modules[m.slug]) left.push(`${slug}/${m.slug}/module.${lang}.yaml`);
    for (const l of m.lessons) if (!t.lessons[l.slug]) left.push(`${slug}/${m.slug}/${l.slug}.${lang}.md`);
    if (!m.quiz) continue;
    const q = t.quizzes[m.quiz.slug];
    if (!q?.title) left.push(`${slug}/${m.slug}/quiz.${lang}.yaml: title`);
    for (const question of m.quiz.questions) if (!q?.questions[question.id]) left.push(`${slug}/${m.slug}/quiz.${lang}.yaml: question ${question.id}`);
  }
  return [...reported, ...left.map((piece) => `${piece}: not translated (missing or stale)`)];
}

/** The languages a course folder offers besides its source, by its `course.<lang>.yaml` files. */
const offered = (coursesDir: string, slug: string) => CONTENT_LANGUAGES.filter((lang) => fs.existsSync(path.join(coursesDir, slug, `course.${lang}.yaml`)));

const courseFolders = (coursesDir: string) =>
  fs.readdirSync(coursesDir).filter((name) => fs.existsSync(path.join(coursesDir, name, 'course.yaml'))).sort();

describe('course translations in courses/', () => {
  const catalog = readCatalog(COURSES);

  it('name only courses that exist', () => {
    expect(TRANSLATED_COURSES.filter((slug) => !courseFolders(COURSES).includes(slug))).toEqual([]);
  });

  it.each(TRANSLATED_COURSES.flatMap((slug) => REQUIRED_LANGUAGES.map((lang) => [slug, lang])))('%s is offered in %s', (slug, lang) => {
    expect(offered(COURSES, slug)).toContain(lang);
  });

  it('are complete and fresh in every course and language offered: each lesson, module, quiz and question', () => {
    const pairs = courseFolders(COURSES).flatMap((slug) => offered(COURSES, slug).map((lang) => ({ slug, lang })));
    expect(pairs.length).toBeGreaterThanOrEqual(TRANSLATED_COURSES.length * REQUIRED_LANGUAGES.length);
    const gaps = Object.fromEntries(pairs.map(({ slug, lang }) => [`${slug} (${lang})`, translationGaps(catalog, COURSES, slug, lang)]));
    expect(gaps).toEqual(Object.fromEntries(Object.keys(gaps).map((k) => [k, []])));
  });
});

describe('translationGaps', () => {
  const slug = 'convention-criminal-procedure';
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-translations-'));
    fs.cpSync(path.join(COURSES, 'bibliography'), path.join(dir, 'bibliography'), { recursive: true });
    fs.cpSync(path.join(COURSES, slug), path.join(dir, slug), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds nothing in an untouched copy of a translated course', () => {
    expect(translationGaps(readCatalog(dir), dir, slug, 'az')).toEqual([]);
  });

  it('names a translated question that was deleted, at its line in the source quiz', () => {
    const file = path.join(dir, slug, 'arrest-and-detention', 'quiz.az.yaml');
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    doc.deleteIn(['questions', 'combine-measures']);
    fs.writeFileSync(file, String(doc));
    const gaps = translationGaps(readCatalog(dir), dir, slug, 'az');
    expect(gaps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/arrest-and-detention\/quiz\.yaml:\d+: question "combine-measures" has no az translation/),
        expect.stringMatching(/quiz\.az\.yaml: question combine-measures: not translated/),
      ]),
    );
    expect(translationGaps(readCatalog(dir), dir, slug, 'ru')).toEqual([]);
  });

  it('names a lesson whose source changed after it was translated as stale', () => {
    const file = path.join(dir, slug, 'arrest-and-detention', 'detention-by-the-prosecuting-authority.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('usually becomes', 'often becomes'));
    const gaps = translationGaps(readCatalog(dir), dir, slug, 'ru');
    expect(gaps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/detention-by-the-prosecuting-authority\.ru\.md:2: the ru translation is stale/),
        expect.stringMatching(/detention-by-the-prosecuting-authority\.ru\.md: not translated/),
      ]),
    );
  });
});

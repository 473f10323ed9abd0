import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CitationResolver } from '../format/citation-resolver';
import { readCourse } from '../format/course-reader';
import { CaseRef, CourseSource, Problem, SLUG } from '../format/course-source';
import { ProblemText, said } from '../format/problem-codes';
import { courseFiles, DraftCourse } from './course-files';

/**
 * A problem placed on an editor field: `modules.0.lessons.2.title`; '' is the course as a whole.
 * `message` is the English of `courses:validate`; pages translate `code` with `params`.
 */
export interface FieldProblem extends ProblemText {
  field: string;
}

export interface DraftValidation {
  source?: CourseSource;
  problems: FieldProblem[];
  /** Item-writing warnings (format/item-writing.ts), each on its field: shown, never blocking. */
  warnings: FieldProblem[];
}


/**
 * Runs the very reader behind `courses:validate` on a draft: the draft is written to a
 * temporary folder in the course-file format, read back, and every `file:line` problem is
 * mapped to the field that line was written from. One set of rules, two ways of showing them.
 */
export function validateDraft(draft: DraftCourse, bibliography: Map<string, CaseRef>): DraftValidation {
  const problems: FieldProblem[] = [];
  // A slug becomes a folder or file name: one that is not a slug is reported here and
  // written under a harmless name, so the rest of the course is still checked.
  const safeName = (slug: unknown, fallback: string) => (typeof slug === 'string' && SLUG.test(slug) && slug.length <= 100 ? slug : `${fallback}-not-a-slug`);
  const badSlug = (field: string, slug: unknown) => problems.push({ field, ...said('notSlug', { value: typeof slug === 'string' ? slug : '' }) });
  if (safeName(draft.slug, 'x') !== draft.slug) badSlug('slug', draft.slug);
  (Array.isArray(draft.modules) ? draft.modules : []).forEach((m, i) => {
    if (safeName(m?.slug, 'x') !== m?.slug) badSlug(`modules.${i}.slug`, m?.slug);
    (Array.isArray(m?.lessons) ? m.lessons : []).forEach((l, j) => {
      if (safeName(l?.slug, 'x') !== l?.slug) badSlug(`modules.${i}.lessons.${j}.slug`, l?.slug);
      if (typeof l?.markdown !== 'string') problems.push({ field: `modules.${i}.lessons.${j}.markdown`, ...said('lessonTextType') });
    });
  });

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-draft-'));
  try {
    const files = courseFiles(draft, safeName);
    const byPath = new Map(files.map((f) => [path.join(root, f.path), f]));
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
      fs.writeFileSync(path.join(root, f.path), f.text);
    }
    const courseDir = path.join(root, files[0]!.path.split('/')[0]!);
    const found: Problem[] = [];
    const warned: Problem[] = [];
    const source = readCourse(courseDir, safeName(draft.slug, 'course'), new CitationResolver(bibliography), found, warned);
    const fieldOf = (p: Problem) => byPath.get(p.file)?.fieldAt(p.line) ?? '';
    const warnings = warned.map((p) => ({ field: fieldOf(p), code: p.code, params: p.params, message: p.message }));
    for (const p of found) {
      if (p.code === 'folderNotSlug') continue; // already reported as a bad slug
      // A translation the edit made stale is left out of the new version (learners read the source), not a reason to refuse it.
      if (p.severity === 'warning') continue;
      let field = fieldOf(p);
      // A missing key is reported on its mapping's line: the field is the key, beside the one on that line.
      if (p.code === 'requiredKey') field = [...field.split('.').slice(0, -1), String(p.params['key'])].filter((s) => s !== '').join('.');
      problems.push({ field, code: p.code, params: p.params, message: p.message });
    }
    return problems.length === 0 && source ? { source, problems, warnings } : { problems, warnings };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

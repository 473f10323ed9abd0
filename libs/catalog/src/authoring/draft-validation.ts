import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CitationResolver } from '../format/citation-resolver';
import { readCourse } from '../format/course-reader';
import { CaseRef, CourseSource, Problem, SLUG } from '../format/course-source';
import { courseFiles, DraftCourse } from './course-files';

/** A problem placed on an editor field: `modules.0.lessons.2.title`; '' is the course as a whole. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface DraftValidation {
  source?: CourseSource;
  problems: FieldProblem[];
}

const SLUG_HINT = 'must be lower-case letters, digits and hyphens';
const MISSING_KEY = /^missing required key "([A-Za-z]+)"/;

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
  const badSlug = (field: string, slug: unknown) => problems.push({ field, message: `"${typeof slug === 'string' ? slug : ''}" ${SLUG_HINT}` });
  if (safeName(draft.slug, 'x') !== draft.slug) badSlug('slug', draft.slug);
  (Array.isArray(draft.modules) ? draft.modules : []).forEach((m, i) => {
    if (safeName(m?.slug, 'x') !== m?.slug) badSlug(`modules.${i}.slug`, m?.slug);
    (Array.isArray(m?.lessons) ? m.lessons : []).forEach((l, j) => {
      if (safeName(l?.slug, 'x') !== l?.slug) badSlug(`modules.${i}.lessons.${j}.slug`, l?.slug);
      if (typeof l?.markdown !== 'string') problems.push({ field: `modules.${i}.lessons.${j}.markdown`, message: 'the lesson text must be text' });
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
    const source = readCourse(courseDir, safeName(draft.slug, 'course'), new CitationResolver(bibliography), found);
    for (const p of found) {
      if (p.message.startsWith('course folder name')) continue; // already reported as a bad slug
      const file = byPath.get(p.file);
      let field = file ? file.fieldAt(p.line) : '';
      const missing = MISSING_KEY.exec(p.message);
      if (missing) field = [...field.split('.').slice(0, -1), missing[1]!].filter((s) => s !== '').join('.');
      problems.push({ field, message: p.message });
    }
    return problems.length === 0 && source ? { source, problems } : { problems };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

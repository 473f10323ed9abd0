import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaseRef, FORMATIONS, Problem, SLUG } from './course-source';
import { Fields } from './fields';
import { said } from './problem-codes';
import { YamlSource } from './yaml-source';

export const APPLICATION_NUMBER = /^\d{1,5}\/\d{2}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KEYS = ['name', 'applicationNumbers', 'judgmentDate', 'formation', 'articles', 'source'] as const;

const isRealDate = (s: string) => {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/** Reads every `bibliography/*.yaml` into one map; a key defined twice must carry identical facts. */
export function readBibliography(coursesDir: string, problems: Problem[]): Map<string, CaseRef> {
  const dir = path.join(coursesDir, 'bibliography');
  const entries = new Map<string, { ref: CaseRef; file: string }>();
  if (!fs.existsSync(dir)) return new Map();
  for (const name of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = path.join(dir, name);
    const src = new YamlSource(file, fs.readFileSync(file, 'utf8'), problems);
    if (src.data === undefined || src.data === null) continue;
    if (typeof src.data !== 'object' || Array.isArray(src.data)) {
      src.report([], said('bibliographyMapping'));
      continue;
    }
    for (const [key, value] of Object.entries(src.data as Record<string, unknown>)) {
      if (!SLUG.test(key)) src.report([key], said('caseKey', { key }));
      const f = Fields.of(src, [key], value, KEYS, { kind: 'case', case: key });
      if (!f) continue;
      const before = problems.length;
      const name = f.text('name', { required: true, max: 300 });
      const applicationNumbers = f.textList('applicationNumbers', true, { test: APPLICATION_NUMBER, code: 'listItemApplicationNumber' });
      const judgmentDate = f.text('judgmentDate', { required: true });
      if (judgmentDate && !isRealDate(judgmentDate)) f.report('judgmentDate', said('judgmentDate'));
      const formation = f.text('formation', { required: true });
      if (formation && !(FORMATIONS as readonly string[]).includes(formation)) f.report('formation', said('formation', { allowed: FORMATIONS.join(', ') }));
      const articles = f.textList('articles', true);
      const source = f.text('source', { max: 500 });
      if (problems.length > before || !name || !applicationNumbers || !judgmentDate || !formation || !articles) continue;
      const ref: CaseRef = { key, name, applicationNumbers, judgmentDate, formation, articles, ...(source ? { source } : {}) };
      const existing = entries.get(key);
      if (existing && JSON.stringify(existing.ref) !== JSON.stringify(ref)) {
        src.report([key], said('caseConflict', { key, file: path.basename(existing.file) }));
        continue;
      }
      entries.set(key, { ref, file });
    }
  }
  return new Map([...entries].map(([k, v]) => [k, v.ref]));
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVALUATION_ITEM_TYPES, EvaluationItemSource, EvaluationSource, Problem, SLUG } from './course-source';
import { Fields } from './fields';
import { said } from './problem-codes';
import { YamlSource } from './yaml-source';

const FORM_KEYS = ['title', 'items'] as const;
const ITEM_KEYS = ['id', 'type', 'text'] as const;
export const EVALUATION_FILE = 'evaluation.yaml';

/** Reads a course's evaluation.yaml (absent: the course has no form); problems at their lines. */
export function readEvaluation(dir: string, problems: Problem[]): EvaluationSource | undefined {
  const file = path.join(dir, EVALUATION_FILE);
  if (!fs.existsSync(file)) return undefined;
  const src = new YamlSource(file, fs.readFileSync(file, 'utf8'), problems);
  if (src.data === undefined) return undefined;
  const f = Fields.of(src, [], src.data, FORM_KEYS, { kind: 'file', file: EVALUATION_FILE });
  if (!f) return undefined;
  const title = f.text('title', { required: true, max: 200 });
  const raw = f.list('items', true) ?? [];
  if (raw.length < 1 || raw.length > 20) f.report('items', said('evaluationItemCount'));
  const items: EvaluationItemSource[] = [];
  const before = problems.length;
  raw.forEach((value, i) => {
    const item = Fields.of(src, ['items', i], value, ITEM_KEYS, { kind: 'item', n: i + 1 });
    if (!item) return;
    const id = item.text('id', { required: true, max: 60 });
    const type = item.text('type', { required: true });
    const text = item.text('text', { required: true, max: 500 });
    if (id && !SLUG.test(id)) item.report('id', said('evaluationItemId', { id }));
    if (id && items.some((x) => x.id === id)) item.report('id', said('evaluationItemTwice', { id }));
    if (type && !(EVALUATION_ITEM_TYPES as readonly string[]).includes(type)) item.report('type', said('questionType', { allowed: EVALUATION_ITEM_TYPES.join(', ') }));
    if (id && type && text) items.push({ id, type: type as EvaluationItemSource['type'], text });
  });
  if (!title || problems.length > before) return undefined;
  return { title, items };
}

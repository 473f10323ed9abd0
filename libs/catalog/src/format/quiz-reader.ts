import * as fs from 'node:fs';
import { CitationResolver } from './citation-resolver';
import { DrawSource, Problem, QuestionSource, QuizSource, REVIEW_SHOWS, REVIEW_WHENS, ReviewSource, SLUG } from './course-source';
import { Fields } from './fields';
import { correctLongestInQuiz, ItemWarning, questionWarnings } from './item-writing';
import { said } from './problem-codes';
import { readQuestion } from './question-reader';
import { YamlSource } from './yaml-source';

const QUIZ_KEYS = ['slug', 'title', 'passMark', 'maxAttempts', 'timeLimitMinutes', 'review', 'draw', 'questions'] as const;

/**
 * `warnings` receives the item-writing checks (item-writing.ts): they do not make the quiz invalid.
 * `scope` names the course's modules (which questions' `module:` and a draw per module name) and
 * the quiz's own module, which a question without `module:` covers.
 */
export function readQuiz(file: string, defaultSlug: string, citations: CitationResolver, problems: Problem[], warnings: Problem[] = [], scope: { modules: string[]; own: string } = { modules: [], own: '' }): QuizSource | undefined {
  const { modules } = scope;
  const src = new YamlSource(file, fs.readFileSync(file, 'utf8'), problems);
  if (src.data === undefined) return undefined;
  const f = Fields.of(src, [], src.data, QUIZ_KEYS, { kind: 'file', file: 'quiz.yaml' });
  if (!f) return undefined;
  const slug = f.text('slug') ?? defaultSlug;
  if (!SLUG.test(slug)) f.report('slug', said('quizSlug', { slug }));
  const title = f.text('title', { required: true, max: 200 });
  const passMark = f.int('passMark', 1, 100, true);
  const maxAttempts = f.int('maxAttempts', 1, 20, true);
  const timeLimitMinutes = f.int('timeLimitMinutes', 1, 600);
  const review = f.has('review') ? readReview(src) : undefined;
  const items = f.list('questions', true) ?? [];
  const questions: QuestionSource[] = [];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const q = readQuestion(src, ['questions', i], item, citations, modules);
    if (!q) return;
    if (ids.has(q.id)) return src.report(['questions', i, 'id'], said('questionIdTwice', { id: q.id }));
    ids.add(q.id);
    questions.push(q);
    warn(src, warnings, ['questions', i], questionWarnings(q));
  });
  warn(src, warnings, [], correctLongestInQuiz(questions));
  const draw = f.has('draw') ? readDraw(src, questions, modules, scope.own) : undefined;
  if (!title || passMark === undefined || maxAttempts === undefined) return undefined;
  return { slug, title, passMark, maxAttempts, ...(timeLimitMinutes ? { timeLimitMinutes } : {}), ...(review ? { review } : {}), ...(draw ? { draw } : {}), questions };
}

function readReview(src: YamlSource): ReviewSource | undefined {
  const f = Fields.of(src, ['review'], (src.data as Record<string, unknown>)['review'], ['show', 'when', 'contact'], { kind: 'review' });
  if (!f) return undefined;
  const show = f.text('show') ?? 'explanations';
  const when = f.text('when') ?? 'passed';
  const contact = f.text('contact', { max: 500 });
  if (!(REVIEW_SHOWS as readonly string[]).includes(show)) return f.report('show', said('reviewValue', { key: 'show', allowed: REVIEW_SHOWS.join(', ') })), undefined;
  if (!(REVIEW_WHENS as readonly string[]).includes(when)) return f.report('when', said('reviewValue', { key: 'when', allowed: REVIEW_WHENS.join(', ') })), undefined;
  return { show: show as ReviewSource['show'], when: when as ReviewSource['when'], ...(contact ? { contact } : {}) };
}

/** `ownModule` is the module the quiz sits in: questions without `module:` cover it. */
function readDraw(src: YamlSource, questions: QuestionSource[], modules: string[], ownModule: string): DrawSource | undefined {
  const f = Fields.of(src, ['draw'], (src.data as Record<string, unknown>)['draw'], ['count', 'perModule', 'perTag'], { kind: 'draw' });
  if (!f) return undefined;
  const kinds = (['count', 'perModule', 'perTag'] as const).filter((k) => f.has(k));
  if (kinds.length !== 1) return f.report(kinds[1] ?? 'count', said('drawOneKind')), undefined;
  if (kinds[0] === 'count') {
    const count = f.int('count', 1, 500);
    if (count === undefined) return undefined;
    if (count > questions.length) return f.report('count', said('drawTooMany', { count, available: questions.length })), undefined;
    return { count };
  }
  const key = kinds[0]!;
  const groups = f.value[key];
  if (!groups || typeof groups !== 'object' || Array.isArray(groups) || Object.keys(groups).length === 0) return f.report(key, said('drawGroupEmpty', { key })), undefined;
  const out: Record<string, number> = {};
  let ok = true;
  for (const [name, n] of Object.entries(groups as Record<string, unknown>)) {
    const at = ['draw', key, name];
    const inGroup = (q: QuestionSource) => (key === 'perModule' ? (q.module ?? ownModule) === name : (q.tags ?? []).includes(name));
    if (key === 'perModule' && modules.length > 0 && !modules.includes(name)) ok = (src.report(at, said('questionModule', { slug: name })), false);
    else if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 500) ok = (src.report(at, said('wholeNumber', { key: name, min: 1, max: 500 })), false);
    else {
      const available = questions.filter(inGroup).length;
      if (n > available) ok = (src.report(at, said('drawTooManyIn', { count: n, name, available })), false);
      out[name] = n;
    }
  }
  if (key === 'perTag') {
    for (const q of questions) {
      const hit = (q.tags ?? []).filter((t) => t in out);
      if (hit.length > 1) ok = (src.report(['questions', questions.indexOf(q)], said('drawTagOverlap', { id: q.id, a: hit[0]!, b: hit[1]! })), false);
    }
  }
  return ok ? { [key]: out } : undefined;
}

function warn(src: YamlSource, warnings: Problem[], base: (string | number)[], found: ItemWarning[]): void {
  for (const w of found) warnings.push({ file: src.file, line: src.lineOf([...base, ...w.at]), ...w.text });
}

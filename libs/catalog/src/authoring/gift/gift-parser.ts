import type { QuestionSource } from '../../format/course-source';

/**
 * Moodle's GIFT question format, as documented at https://docs.moodle.org/en/GIFT_format:
 * `::title::` names, `{…}` answer blocks, `=` right and `~` wrong answers, `~%50%` weights,
 * `#` per-answer feedback, `####` general feedback, `$CATEGORY:` lines, `//` comments and the
 * escapes `\~ \= \# \{ \} \: \\ \n`. Themis represents single- and multiple-answer and
 * true/false questions; every other kind is reported with its line, never dropped silently.
 */

export interface GiftOption {
  text: string;
  correct: boolean;
  /** Moodle's weight as a fraction, when the answer has one other than full or no credit. */
  fraction?: number;
  feedback?: string;
}

export interface GiftAnswer {
  text?: string;
  value?: number;
  tolerance?: number;
  fraction: number;
  feedback?: string;
}

export interface GiftQuestion {
  line: number;
  title?: string;
  category: string | null;
  type: 'single' | 'multiple' | 'true_false' | 'matching' | 'short_answer' | 'numerical';
  prompt: string;
  options: GiftOption[];
  answer?: boolean;
  pairs?: { stem: string; match: string }[];
  answers?: GiftAnswer[];
  /** For true/false: feedback shown for a wrong and a right response (`{T#wrong#right}`). */
  trueFalseFeedback?: { wrong?: string; right?: string };
  generalFeedback?: string;
}

/** Why a GIFT question was not imported: a stable code (the editor translates it) and the English message the API gives. */
export type GiftProblemCode =
  | 'no_answer_block' | 'unclosed_block' | 'cloze' | 'no_text' | 'essay' | 'numerical' | 'unknown_block'
  | 'matching' | 'short_answer' | 'partial_credit' | 'mixed_weights' | 'no_right_answer' | 'empty_answer' | 'bad_number';

export interface GiftProblem {
  line: number;
  code: GiftProblemCode;
  /** The question's ::title::, when it has one. */
  title?: string;
  message: string;
}

export interface GiftParseResult {
  questions: GiftQuestion[];
  problems: GiftProblem[];
}

const ESCAPABLE = '~=#{}:\\';
const PLACEHOLDER = (c: string) => `\u0000${ESCAPABLE.indexOf(c)}\u0000`;

/** Hides escaped characters so the structural ones can be split on; `restore` brings them back. */
function hideEscapes(s: string): string {
  return s.replace(/\\([~=#{}:\\n])/g, (_, c: string) => (c === 'n' ? '\n' : PLACEHOLDER(c)));
}

function restore(s: string): string {
  return s.replace(/\u0000(\d)\u0000/g, (_, i: string) => ESCAPABLE[Number(i)]!);
}

/** Strips a `[html]`/`[moodle]`/`[markdown]`/`[plain]` text-format marker; Themis stores plain text. */
function clean(s: string): string {
  return restore(s.replace(/^\s*\[(?:html|moodle|markdown|plain)\]/i, '')).replace(/[ \t]*\n[ \t]*/g, '\n').trim();
}

/** Splits a block's content into the question text and answers, block by block, with their lines. */
interface Chunk {
  text: string;
  line: number;
  /** Marked by Themis's own export (ALL_OR_NOTHING): a multiple-answer question graded all or nothing. */
  allOrNothing?: boolean;
}

/** GIFT cannot say "all or nothing"; Themis's export says it in a comment line that Moodle ignores. */
export const ALL_OR_NOTHING = '// themis: all or nothing';

/** Blank lines separate questions; `//` lines are comments; `$CATEGORY:` lines switch category. */
function chunks(source: string): (Chunk | { category: string; line: number })[] {
  const out: (Chunk | { category: string; line: number })[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let current: string[] = [];
  let start = 0;
  let depth = 0;
  let allOrNothing = false;
  const flush = () => {
    if (current.some((l) => l.trim() !== '')) out.push({ text: current.join('\n'), line: start, ...(allOrNothing ? { allOrNothing } : {}) });
    if (current.some((l) => l.trim() !== '')) allOrNothing = false;
    current = [];
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === ALL_OR_NOTHING && depth === 0) allOrNothing = true;
    if (trimmed.startsWith('//')) return;
    if (depth === 0 && /^\$CATEGORY:/i.test(trimmed)) {
      flush();
      out.push({ category: trimmed.replace(/^\$CATEGORY:\s*/i, '').replace(/^\$(?:course|module|system)\$\/?/, '').trim(), line });
      return;
    }
    if (depth === 0 && trimmed === '') return flush();
    if (current.length === 0) start = line;
    current.push(raw);
    const hidden = hideEscapes(raw);
    for (const c of hidden) {
      if (c === '{') depth++;
      else if (c === '}') depth = Math.max(0, depth - 1);
    }
  });
  flush();
  return out;
}

/** `=text#feedback` / `~%50%text#feedback` items of a choice block. */
function choiceItems(body: string): { mark: '=' | '~'; weight?: number; text: string; feedback?: string; matching: boolean }[] {
  const items: { mark: '=' | '~'; weight?: number; text: string; feedback?: string; matching: boolean }[] = [];
  const re = /([=~])([^=~]*)/g;
  for (const m of body.matchAll(re)) {
    let rest = m[2]!;
    let weight: number | undefined;
    const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(rest);
    if (w) {
      weight = Number(w[1]);
      rest = rest.slice(w[0].length);
    }
    const hash = rest.indexOf('#');
    const text = hash >= 0 ? rest.slice(0, hash) : rest;
    const feedback = hash >= 0 ? rest.slice(hash + 1) : undefined;
    items.push({ mark: m[1] as '=' | '~', ...(weight !== undefined ? { weight } : {}), text, ...(feedback !== undefined ? { feedback } : {}), matching: text.includes('->') });
  }
  return items;
}

export function parseGift(source: string): GiftParseResult {
  const problems: GiftProblem[] = [];
  const questions: GiftQuestion[] = [];
  let category: string | null = null;
  for (const chunk of chunks(source)) {
    if ('category' in chunk) {
      category = chunk.category || null;
      continue;
    }
    const q = parseQuestion(chunk, category, problems);
    if (q) questions.push(q);
  }
  return { questions, problems };
}

function parseQuestion(chunk: Chunk, category: string | null, problems: GiftProblem[]): GiftQuestion | undefined {
  let text = hideEscapes(chunk.text);
  const line = chunk.line;
  let title: string | undefined;
  const t = /^\s*::([\s\S]*?)::/.exec(text);
  if (t) {
    title = clean(t[1]!);
    text = text.slice(t[0].length);
  }
  const name = title ? `question "${title}"` : 'question';
  const refuse = (code: GiftProblemCode, message: string) => {
    problems.push({ line, code, ...(title ? { title } : {}), message: `${name}: ${message}` });
    return undefined;
  };
  const open = text.indexOf('{');
  if (open < 0) return refuse('no_answer_block', `a description with no answer block is not a question Themis can ask`);
  const close = text.indexOf('}', open);
  if (close < 0) return refuse('unclosed_block', `the answer block "{" is never closed`);
  const after = text.slice(close + 1);
  if (after.includes('{')) return refuse('cloze', `more than one answer block (embedded answers / cloze) is not supported`);
  const before = text.slice(0, open);
  // "Missing word" questions put text after the block: Themis shows the blank as "_____".
  const prompt = clean(after.trim() ? `${before.trimEnd()} _____ ${after.trimStart()}` : before);
  let body = text.slice(open + 1, close);
  let generalFeedback: string | undefined;
  const gf = body.indexOf('####');
  if (gf >= 0) {
    generalFeedback = clean(body.slice(gf + 4)) || undefined;
    body = body.slice(0, gf);
  }
  const trimmed = body.trim();
  if (!prompt) return refuse('no_text', `the question has no text`);
  if (trimmed === '') return refuse('essay', `an essay question (empty answer block) cannot be graded by Themis`);
  const head = { line, ...(title ? { title } : {}), category, prompt, ...(generalFeedback ? { generalFeedback } : {}) };
  if (trimmed.startsWith('#')) {
    const answers = numericalAnswers(trimmed.slice(1));
    if (!answers) return refuse('bad_number', `a numerical answer is not a number, a number:tolerance or a range min..max`);
    return { ...head, type: 'numerical', options: [], answers };
  }

  const tf = /^(T|F|TRUE|FALSE)\s*(?:#([^#]*))?(?:#([^#]*))?$/i.exec(trimmed);
  if (tf) {
    const answer = /^t/i.test(tf[1]!);
    const wrong = tf[2] !== undefined ? clean(tf[2]) || undefined : undefined;
    const right = tf[3] !== undefined ? clean(tf[3]) || undefined : undefined;
    return {
      line, ...(title ? { title } : {}), category, type: 'true_false', prompt, options: [], answer,
      ...(wrong || right ? { trueFalseFeedback: { ...(wrong ? { wrong } : {}), ...(right ? { right } : {}) } } : {}),
      ...(generalFeedback ? { generalFeedback } : {}),
    };
  }
  if (!/^[=~]/.test(trimmed)) return refuse('unknown_block', `the answer block is neither choices (= and ~) nor true/false`);
  const items = choiceItems(trimmed);
  const feedbackOf = (i: { feedback?: string }) => (i.feedback && clean(i.feedback) ? { feedback: clean(i.feedback) } : {});
  if (items.length > 0 && items.every((i) => i.mark === '=' && i.matching)) {
    const pairs = items.map((i) => {
      const [stem, ...rest] = i.text.split('->');
      return { stem: clean(stem!), match: clean(rest.join('->')) };
    });
    if (pairs.some((p) => p.match === '')) return refuse('empty_answer', `an answer is empty`);
    // Moodle writes an extra wrong match as a pair with no question: "= -> answer".
    const distractors = pairs.filter((p) => p.stem === '').map((p) => ({ text: p.match, correct: false }));
    return { ...head, type: 'matching', options: distractors, pairs: pairs.filter((p) => p.stem !== '') };
  }
  const wrongs = items.filter((i) => i.mark === '~');
  const rights = items.filter((i) => i.mark === '=');
  const fractionOf = (i: { mark: '=' | '~'; weight?: number }) => (i.weight !== undefined ? i.weight / 100 : i.mark === '=' ? 1 : 0);
  if (wrongs.length === 0) {
    // Only "=" answers: a short-answer question; each answer may carry a weight and feedback.
    const answers = rights.map((i) => ({ text: clean(i.text), fraction: fractionOf(i), ...feedbackOf(i) }));
    if (answers.some((a) => a.text === '')) return refuse('empty_answer', `an answer is empty`);
    return { ...head, type: 'short_answer', options: [], answers };
  }
  const weighted = items.some((i) => i.weight !== undefined);
  const positive = items.filter((i) => fractionOf(i) > 0);
  if (positive.length === 0) return refuse('no_right_answer', `no answer is right (no "=" and no positive %weight%)`);
  const full = items.filter((i) => Math.abs(fractionOf(i) - 1) < 1e-9);
  // Moodle's rule: one answer at 100% makes a single-answer question; weights adding up over several make it multiple.
  const type: 'single' | 'multiple' = rights.length > 1 ? 'multiple' : rights.length === 1 || (full.length === 1 && positive.length === 1) ? 'single' : 'multiple';
  if (rights.length > 1 && items.some((i) => i.weight !== undefined)) return refuse('mixed_weights', `mixing several "=" answers with weights is not supported`);
  const options: GiftOption[] = items.map((i) => {
    const fraction = fractionOf(i);
    const correct = type === 'single' ? Math.abs(fraction - 1) < 1e-9 : rights.length > 1 ? i.mark === '=' : fraction > 0;
    const keep = weighted && !(type === 'single' && (fraction === 1 || fraction === 0)) && !(type === 'multiple' && chunk.allOrNothing);
    return { text: clean(i.text), correct, ...(keep ? { fraction } : {}), ...feedbackOf(i) };
  });
  if (options.some((o) => o.text === '')) return refuse('empty_answer', `an answer is empty`);
  return { ...head, type, options };
}

/** `1822`, `1822:2` (value:tolerance), `3.141..3.142` (a range), or several `=%50%1822:2#feedback`. */
function numericalAnswers(body: string): GiftAnswer[] | undefined {
  const parts = body.includes('=') ? body.split('=').slice(1) : [body];
  const out: GiftAnswer[] = [];
  for (const raw of parts) {
    let rest = raw;
    let fraction = 1;
    const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(rest);
    if (w) {
      fraction = Number(w[1]) / 100;
      rest = rest.slice(w[0].length);
    }
    const hash = rest.indexOf('#');
    const feedback = hash >= 0 ? clean(rest.slice(hash + 1)) : '';
    const spec = restore(hash >= 0 ? rest.slice(0, hash) : rest).trim();
    const num = '(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)';
    const range = new RegExp(`^${num}\\.\\.${num}$`).exec(spec);
    const tol = new RegExp(`^${num}(?::${num})?$`).exec(spec);
    let value: number;
    let tolerance = 0;
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      value = Math.round(((a + b) / 2) * 1e12) / 1e12;
      tolerance = Math.abs(b - a) / 2;
    } else if (tol) {
      value = Number(tol[1]);
      tolerance = tol[2] !== undefined ? Math.abs(Number(tol[2])) : 0;
    } else return undefined;
    out.push({ value, ...(tolerance ? { tolerance: Math.round(tolerance * 1e12) / 1e12 } : {}), fraction: Math.max(0, fraction), ...(feedback ? { feedback } : {}) });
  }
  return out.length ? out : undefined;
}

const ESCAPE_OUT = /[~=#{}:\\]/g;

/** Text for a GIFT file: the structural characters escaped, line breaks as \n. */
export function escapeGift(s: string): string {
  return s.replace(ESCAPE_OUT, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

export interface GiftExportQuestion {
  id: string;
  type: QuestionSource['type'];
  prompt: string;
  explanation: string;
  options: { text: string; correct: boolean; fraction?: number; feedback?: string }[];
  answer?: boolean;
  pairs?: { stem: string; match: string }[];
  answers?: { text?: string; value?: number; tolerance?: number; fraction: number; feedback?: string }[];
}

/** Moodle's percentages: at most five decimals, as its own export writes 33.33333. */
const pct = (fraction: number) => String(Math.round(fraction * 100 * 100000) / 100000);
const fb = (feedback?: string) => (feedback ? `#${escapeGift(feedback)}` : '');

function choiceLines(q: GiftExportQuestion): string[] {
  const weighted = q.options.some((o) => o.fraction !== undefined);
  if (q.type === 'single') {
    return q.options.map((o) => {
      const f = o.fraction ?? (o.correct ? 1 : 0);
      return `  ${f === 1 ? '=' : f === 0 ? '~' : `~%${pct(f)}%`}${escapeGift(o.text)}${fb(o.feedback)}`;
    });
  }
  // Several right answers are written with weights: as given, or (all or nothing in Themis) 100%
  // split over the right ones and -100% over the wrong ones, the usual Moodle way to ask "all that apply".
  const right = q.options.filter((o) => o.correct).length;
  const wrong = q.options.length - right;
  return q.options.map((o) => `  ~%${pct(weighted ? o.fraction ?? 0 : o.correct ? 1 / right : -1 / wrong)}%${escapeGift(o.text)}${fb(o.feedback)}`);
}

function answerLines(q: GiftExportQuestion): string[] {
  const answers = q.answers ?? [];
  if (q.type === 'matching') return [...(q.pairs ?? []).map((p) => `  =${escapeGift(p.stem)} -> ${escapeGift(p.match)}`)];
  if (q.type === 'short_answer') return answers.map((a) => `  =${a.fraction === 1 ? '' : `%${pct(a.fraction)}%`}${escapeGift(a.text ?? '')}${fb(a.feedback)}`);
  return answers.map((a) => `  =${a.fraction === 1 ? '' : `%${pct(a.fraction)}%`}${a.value}${a.tolerance ? `:${a.tolerance}` : ''}${fb(a.feedback)}`);
}

/**
 * A quiz as GIFT (https://docs.moodle.org/en/GIFT_format). A matching question's extra wrong
 * matches have no GIFT form: a comment above the question lists them.
 */
export function writeGift(category: string, questions: GiftExportQuestion[]): string {
  const out = [`// Exported from Themis`, `$CATEGORY: ${category}`, ''];
  for (const q of questions) {
    const head = `::${escapeGift(q.id)}:: ${escapeGift(q.prompt)} {`;
    const feedback = `####${escapeGift(q.explanation)}`;
    if (q.type === 'true_false') {
      out.push(`${head}${q.answer ? 'TRUE' : 'FALSE'}${feedback}}`, '');
      continue;
    }
    if (q.type === 'matching' && q.options.length > 0) out.push(`// ${q.id}: its extra wrong matches (${q.options.map((o) => o.text).join('; ').replace(/\n/g, ' ')}) have no GIFT form`);
    const lines = q.type === 'single' || q.type === 'multiple' ? choiceLines(q) : answerLines(q);
    if (q.type === 'multiple' && !q.options.some((o) => o.fraction !== undefined)) out.push(ALL_OR_NOTHING);
    out.push(q.type === 'numerical' ? `${head}#` : head, ...lines, `  ${feedback}`, '}', '');
  }
  return out.join('\n');
}

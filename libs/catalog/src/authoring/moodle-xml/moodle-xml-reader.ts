import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError, ErrorCode } from '@themis/core';
import type { AnswerSource, OptionSource, PairSource, QuestionType } from '../../format/course-source';
import { courseText, MoodleTextFormat } from './moodle-text';
import { matchMoodleGrade, THEMIS_MARK } from './moodle-grades';

/**
 * Moodle XML (https://docs.moodle.org/en/Moodle_XML_format), as Moodle's own qformat_xml reads it
 * (moodle/moodle question/format/xml/format.php): `multichoice` (single or multiple, fractions in
 * percent, negative ones included), `truefalse`, `shortanswer` (`usecase`), `matching` (a
 * subquestion with no text is an extra wrong match), `numerical` (value ± tolerance), each with
 * per-answer and general feedback, in html, moodle_auto_format, markdown or plain_text. Every other
 * type (essay, cloze, calculated, description, drag and drop…) is refused and reported with the
 * question's number and name, never dropped silently.
 */
export interface MoodleQuestion {
  /** 1-based among the file's questions (category entries are not questions). */
  number: number;
  name?: string;
  category: string | null;
  type: QuestionType;
  prompt: string;
  explanation: string;
  options: OptionSource[];
  answer?: boolean;
  pairs?: PairSource[];
  answers?: AnswerSource[];
  caseSensitive?: boolean;
  tags?: string[];
  module?: string;
  scenario?: boolean;
}

export type MoodleXmlProblemCode =
  | 'unsupported_type' | 'no_text' | 'no_answers' | 'no_right_answer' | 'empty_answer' | 'bad_number' | 'invalid_grade' | 'numerical_any' | 'units' | 'files_dropped';

/** A question not imported (or, for `files_dropped`, imported without its files): its number and name, a code the editor translates, and the English message. */
export interface MoodleXmlProblem {
  question: number;
  name?: string;
  code: MoodleXmlProblemCode;
  params?: Record<string, string | number>;
  message: string;
}

export interface MoodleXmlReadResult {
  questions: MoodleQuestion[];
  /** Questions not imported, with the reason. */
  problems: MoodleXmlProblem[];
  /** Questions imported with a loss the author should know of (their images and sounds). */
  changed: MoodleXmlProblem[];
}

type Node = Record<string, unknown>;
const SUPPORTED = ['multichoice', 'truefalse', 'shortanswer', 'matching', 'numerical'] as const;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  commentPropName: '#comment',
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['question', 'answer', 'subquestion', 'tag', 'file', 'unit', 'image', '#comment'].includes(name),
});

const asNode = (v: unknown): Node | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(asNode).filter((n): n is Node => n !== undefined) : asNode(v) ? [v as Node] : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : typeof asNode(v)?.['#text'] === 'string' ? (asNode(v)!['#text'] as string) : '');
/** `<x><text>…</text></x>` → its text; `<x>…</x>` → its text. */
const textOf = (v: unknown): string => {
  const n = asNode(Array.isArray(v) ? v[0] : v);
  return n && 'text' in n ? str(n['text']) : str(Array.isArray(v) ? v[0] : v);
};
const formatOf = (v: unknown): string | undefined => (typeof asNode(v)?.['@_format'] === 'string' ? (asNode(v)!['@_format'] as string) : undefined);
const flag = (v: unknown): boolean | undefined => {
  const s = str(v).trim().toLowerCase();
  return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : undefined;
};

/** Names of the files a question embeds (images, sounds), anywhere in it, and Moodle 1.9's `<image>`. */
function embeddedFiles(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => embeddedFiles(n, out));
  const n = asNode(node);
  if (!n) return out;
  for (const [k, v] of Object.entries(n)) {
    if (k === 'file') {
      for (const f of list(v)) out.push(typeof f['@_name'] === 'string' ? (f['@_name'] as string) : 'file');
    } else if (k === 'image') {
      for (const f of Array.isArray(v) ? v : [v]) if (str(f).trim()) out.push(str(f).trim());
    } else if (!k.startsWith('@_') && k !== '#text') {
      embeddedFiles(v, out);
    }
  }
  return out;
}

/** Throws a 400 naming `xml` when the text is not a Moodle XML file at all; per-question problems are reported, not thrown. */
function parseQuiz(xml: string): Node[] {
  const text = xml.replace(/^\uFEFF/, '');
  // Moodle never writes a DOCTYPE; refusing it keeps entity definitions (and their expansion) out.
  if (/<!DOCTYPE/i.test(text)) throw badFile('a Moodle XML file has no DOCTYPE', { reason: 'doctype' });
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw badFile(`the file is not well-formed XML: line ${valid.err.line}: ${valid.err.msg}`, { reason: 'malformed', line: valid.err.line });
  const quiz = asNode(asNode(parser.parse(text))?.['quiz']);
  if (!quiz) throw badFile('a Moodle XML file holds its questions in <quiz>…</quiz>', { reason: 'no_quiz' });
  return list(quiz['question']);
}

const badFile = (message: string, params: Record<string, string | number>) => new DomainError(ErrorCode.ValidationFailed, message, { field: 'xml', moodleXml: params });

/** `$course$/Top/Sub` (or `top/…` from Moodle 4) → `Top/Sub`. */
const categoryName = (path: string) => path.trim().replace(/^\$(?:course|module|system|cat\d*)\$\/?/, '').replace(/^top\/?/, '').trim() || null;

export function readMoodleXml(xml: string): MoodleXmlReadResult {
  const out: MoodleXmlReadResult = { questions: [], problems: [], changed: [] };
  let category: string | null = null;
  let number = 0;
  for (const q of parseQuiz(xml)) {
    const type = String(q['@_type'] ?? '').trim().toLowerCase();
    if (type === 'category') {
      category = categoryName(textOf(q['category']));
      continue;
    }
    number++;
    // Moodle shows a name with its tags stripped.
    const name = courseText(textOf(q['name']), 'html') || undefined;
    const problem = (code: MoodleXmlProblemCode, message: string, params?: Record<string, string | number>): MoodleXmlProblem =>
      ({ question: number, ...(name ? { name } : {}), code, ...(params ? { params } : {}), message: `question ${number}${name ? ` "${name}"` : ''}: ${message}` });
    if (!(SUPPORTED as readonly string[]).includes(type)) {
      out.problems.push(problem('unsupported_type', `Moodle's "${type}" questions are not a type Themis has (multiple choice, true/false, matching, short answer, numerical)`, { type }));
      continue;
    }
    try {
      const read = readQuestion(q, type as (typeof SUPPORTED)[number], problem);
      out.questions.push({ number, ...(name ? { name } : {}), category, ...read });
      const files = [...new Set(embeddedFiles(q))];
      if (files.length) out.changed.push(problem('files_dropped', `imported without its ${files.length} embedded file(s) (${files.join(', ')}): a quiz question in Themis is text; an image keeps its alt text in [brackets]`, { files: files.join(', '), count: files.length }));
    } catch (err) {
      if (err instanceof Refusal) out.problems.push(err.problem);
      else throw err;
    }
  }
  return out;
}

class Refusal extends Error {
  constructor(readonly problem: MoodleXmlProblem) {
    super(problem.message);
  }
}

type Body = Omit<MoodleQuestion, 'number' | 'name' | 'category'>;
type ProblemOf = (code: MoodleXmlProblemCode, message: string, params?: Record<string, string | number>) => MoodleXmlProblem;

function readQuestion(q: Node, type: (typeof SUPPORTED)[number], problem: ProblemOf): Body {
  const refuse = (code: MoodleXmlProblemCode, message: string, params?: Record<string, string | number>): never => {
    throw new Refusal(problem(code, message, params));
  };
  // Moodle reads a piece of text without a format in the question text's format (get_format).
  const qFormat = (formatOf(q['questiontext']) ?? 'moodle_auto_format') as MoodleTextFormat;
  const text = (node: unknown) => courseText(textOf(node), formatOf(node), qFormat);
  const prompt = text(q['questiontext']);
  if (!prompt) refuse('no_text', 'the question has no text');
  const marks = new Set((Array.isArray(q['#comment']) ? (q['#comment'] as unknown[]) : []).flatMap((c) => THEMIS_MARK.read(str(c))));
  const fromThemis = marks.has('exported');
  const tags = [...new Set(list(asNode(q['tags'])?.['tag']).map((t) => textOf(t).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).filter(Boolean))];
  const module = [...marks].find((m) => m.startsWith('module='))?.slice('module='.length);
  const labels = { ...(tags.length ? { tags } : {}), ...(module ? { module } : {}), ...(marks.has('scenario') ? { scenario: true } : {}) };
  const general = text(q['generalfeedback']);
  // Themis has one explanation: feedback written for one answer is added to it under that answer,
  // as the GIFT import does; a file Themis wrote itself already carries them and is read as it is.
  const explain = (extra: string[]) => (fromThemis ? general : [general, ...extra.filter((e) => !general.includes(e))].filter(Boolean).join('\n\n'));
  const combined = [['correctfeedback', 'If your answer is right'], ['partiallycorrectfeedback', 'If your answer is partly right'], ['incorrectfeedback', 'If your answer is wrong']]
    .map(([key, label]) => [label, text(q[key!])] as const)
    .filter(([, t]) => t)
    .map(([label, t]) => `${label}: ${t}`);
  const answers = list(q['answer']).map((a) => ({ text: text(a), raw: textOf(a).trim(), feedback: text(a['feedback']), percent: str(a['@_fraction']).trim(), node: a }));
  const fractionOf = (a: { percent: string; text: string }) => {
    const f = matchMoodleGrade(a.percent === '' ? 0 : Number(a.percent) / 100);
    if (f === undefined) refuse('invalid_grade', `the grade ${a.percent}% of answer "${a.text}" is not one Moodle allows (it would refuse the question too)`, { grade: a.percent });
    return f!;
  };
  const feedbackLines = (items: { label: string; feedback: string }[]) => items.filter((i) => i.feedback).map((i) => `“${i.label}”: ${i.feedback}`);

  switch (type) {
    case 'truefalse': {
      let answer: boolean | undefined;
      const feedback: Record<'true' | 'false', string> = { true: '', false: '' };
      answers.forEach((a, i) => {
        // Moodle: an answer that is neither "true" nor "false" is read in the order true, false.
        const which = a.raw.toLowerCase() === 'true' || a.raw.toLowerCase() === 'false' ? (a.raw.toLowerCase() as 'true' | 'false') : i === 0 ? 'true' : 'false';
        const full = Number(a.percent) === 100;
        if (full || answer === undefined) answer = which === 'true' ? full : !full;
        feedback[which] = a.feedback;
      });
      if (answer === undefined) refuse('no_answers', 'the question has no answers');
      const lines = (['true', 'false'] as const).filter((k) => feedback[k]).map((k) => `If you answered ${k}: ${feedback[k]}`);
      return { type: 'true_false', prompt, explanation: explain([...lines, ...combined]), options: [], answer, ...labels };
    }
    case 'multichoice': {
      const single = flag(q['single']) ?? true;
      // Moodle saves no answer whose text is empty (the form's spare rows).
      const kept = answers.filter((a) => a.text !== '');
      if (kept.length === 0) refuse('no_answers', 'the question has no answers');
      const allOrNothing = !single && marks.has('all-or-nothing');
      const options: OptionSource[] = kept.map((a) => {
        const fraction = fractionOf(a);
        const correct = single ? Math.abs(fraction - 1) < 1e-7 : fraction > 0;
        // A single-answer question keeps a weight other than full or none; a multiple-answer one keeps
        // every weight, as Moodle grades it (the sum of the chosen ones, kept within 0–1).
        const keep = single ? fraction !== 1 && fraction !== 0 : !allOrNothing;
        return { text: a.text, correct, ...(keep ? { fraction } : {}), ...(a.feedback ? { feedback: a.feedback } : {}) };
      });
      if (!options.some((o) => (o.fraction ?? (o.correct ? 1 : 0)) > 0)) refuse('no_right_answer', 'no answer gives any credit');
      return { type: single ? 'single' : 'multiple', prompt, explanation: explain([...feedbackLines(kept.map((a) => ({ label: a.text, feedback: a.feedback }))), ...combined]), options, ...labels };
    }
    case 'shortanswer': {
      const kept = answers.filter((a) => a.text !== '');
      if (kept.length === 0) refuse('no_answers', 'the question has no answers');
      const list_: AnswerSource[] = kept.map((a) => ({ text: a.text, fraction: fractionOf(a), ...(a.feedback ? { feedback: a.feedback } : {}) }));
      const caseSensitive = flag(q['usecase']) === true;
      return { type: 'short_answer', prompt, explanation: explain(feedbackLines(kept.map((a) => ({ label: a.text, feedback: a.feedback })))), options: [], answers: list_, ...(caseSensitive ? { caseSensitive } : {}), ...labels };
    }
    case 'numerical': {
      const units = list(asNode(q['units'])?.['unit']);
      const graded = Number(str(q['unitgradingtype']).trim() || '0') !== 0;
      if (graded || units.some((u) => Math.abs(Number(str(u['multiplier']).trim() || '1') - 1) > 1e-12)) {
        refuse('units', 'units that are graded, or that convert the answer (a multiplier other than 1), are not supported: Themis takes a bare number');
      }
      const kept = answers.filter((a) => a.raw !== '');
      if (kept.length === 0) refuse('no_answers', 'the question has no answers');
      const list_: AnswerSource[] = [];
      const lines: string[] = [];
      for (const a of kept) {
        const fraction = fractionOf(a);
        if (a.raw === '*') {
          // Moodle's "any other answer": with no credit it only carries feedback, which the explanation keeps.
          if (fraction > 0) refuse('numerical_any', 'an answer "*" (any number) that gives credit is not supported');
          if (a.feedback) lines.push(`“*”: ${a.feedback}`);
          continue;
        }
        const value = Number(a.raw);
        const tolerance = Math.abs(Number(str(a.node['tolerance']).trim() || '0'));
        if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(a.raw) || !Number.isFinite(value) || !Number.isFinite(tolerance)) refuse('bad_number', `the answer "${a.raw}" is not a number`, { answer: a.raw });
        list_.push({ value, ...(tolerance ? { tolerance } : {}), fraction, ...(a.feedback ? { feedback: a.feedback } : {}) });
        if (a.feedback) lines.push(`“${a.raw}”: ${a.feedback}`);
      }
      if (list_.length === 0) refuse('no_right_answer', 'no answer gives any credit');
      return { type: 'numerical', prompt, explanation: explain(lines), options: [], answers: list_, ...labels };
    }
    case 'matching': {
      const subs = list(q['subquestion']).map((s) => ({ stem: text(s), match: text(s['answer']) }));
      if (subs.some((s) => s.match === '' && s.stem !== '')) refuse('empty_answer', 'a subquestion has no answer');
      const pairs = subs.filter((s) => s.stem !== '' && s.match !== '');
      if (pairs.length === 0) refuse('no_answers', 'the question has no subquestions');
      const distractors = subs.filter((s) => s.stem === '' && s.match !== '').map((s) => ({ text: s.match, correct: false }));
      return { type: 'matching', prompt, explanation: explain(combined), options: distractors, pairs, ...labels };
    }
  }
}

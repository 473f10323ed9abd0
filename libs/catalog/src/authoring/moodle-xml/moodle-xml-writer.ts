import { XMLBuilder } from 'fast-xml-parser';
import type { GiftExportQuestion } from '../gift/gift-parser';
import { THEMIS_MARK } from './moodle-grades';

/** A question as the writer needs it: what GIFT's export takes, and the fields Moodle XML can carry too. */
export interface MoodleXmlExportQuestion extends GiftExportQuestion {
  caseSensitive?: boolean;
  tags?: string[];
  module?: string;
  scenario?: boolean;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false, commentPropName: '#comment' });

// XML 1.0 has no place for most control characters; course text never needs them.
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
/** Course text is plain text: written as Moodle's plain_text format, which Moodle shows escaped with its line breaks. */
const plain = (s: string) => ({ '@_format': 'plain_text', text: clean(s) });
/** Moodle's percentages, as its own export writes them (33.33333). */
const percent = (fraction: number) => String(Math.round(fraction * 100 * 100000) / 100000);

function answersOf(q: MoodleXmlExportQuestion): { fraction: number; text: string; feedback?: string; tolerance?: number }[] {
  switch (q.type) {
    case 'true_false':
      return [{ fraction: q.answer ? 1 : 0, text: 'true' }, { fraction: q.answer ? 0 : 1, text: 'false' }];
    case 'single':
      return q.options.map((o) => ({ fraction: o.fraction ?? (o.correct ? 1 : 0), text: o.text, feedback: o.feedback }));
    case 'multiple': {
      // All or nothing has no Moodle form: the right options share 100% and the wrong ones -100%,
      // the usual Moodle way to ask "all that apply"; the mark lets Themis read it back as it was.
      const right = q.options.filter((o) => o.correct).length;
      const wrong = q.options.length - right;
      const weighted = q.options.some((o) => o.fraction !== undefined);
      return q.options.map((o) => ({ fraction: weighted ? o.fraction ?? 0 : o.correct ? 1 / right : -1 / wrong, text: o.text, feedback: o.feedback }));
    }
    case 'short_answer':
      return (q.answers ?? []).map((a) => ({ fraction: a.fraction, text: a.text ?? '', feedback: a.feedback }));
    case 'numerical':
      return (q.answers ?? []).map((a) => ({ fraction: a.fraction, text: String(a.value), feedback: a.feedback, tolerance: a.tolerance ?? 0 }));
    default:
      return [];
  }
}

const MOODLE_TYPE = { single: 'multichoice', multiple: 'multichoice', true_false: 'truefalse', matching: 'matching', short_answer: 'shortanswer', numerical: 'numerical' } as const;

function questionNode(q: MoodleXmlExportQuestion): Record<string, unknown> {
  const marks = ['exported'];
  if (q.type === 'multiple' && !q.options.some((o) => o.fraction !== undefined)) marks.push('all-or-nothing');
  if (q.module) marks.push(`module=${q.module}`);
  if (q.scenario) marks.push('scenario');
  const node: Record<string, unknown> = {
    '@_type': MOODLE_TYPE[q.type],
    '#comment': THEMIS_MARK.write(marks),
    name: { text: clean(q.id) },
    questiontext: plain(q.prompt),
    generalfeedback: plain(q.explanation),
    defaultgrade: '1',
    penalty: '0.3333333',
    hidden: '0',
  };
  if (q.type === 'single' || q.type === 'multiple') Object.assign(node, { single: String(q.type === 'single'), shuffleanswers: 'true', answernumbering: 'abc' });
  if (q.type === 'short_answer') node['usecase'] = q.caseSensitive ? '1' : '0';
  if (q.type === 'matching') {
    node['shuffleanswers'] = 'true';
    // A subquestion with no text is Moodle's extra wrong match.
    node['subquestion'] = [...(q.pairs ?? []).map((p) => ({ ...plain(p.stem), answer: { text: clean(p.match) } })), ...q.options.map((o) => ({ ...plain(''), answer: { text: clean(o.text) } }))];
  } else {
    node['answer'] = answersOf(q).map((a) => ({
      '@_fraction': percent(a.fraction),
      '@_format': 'plain_text',
      text: clean(a.text),
      feedback: plain(a.feedback ?? ''),
      ...(a.tolerance !== undefined ? { tolerance: String(a.tolerance) } : {}),
    }));
  }
  if (q.tags?.length) node['tags'] = { tag: q.tags.map((t) => ({ text: t })) };
  return node;
}

/** A quiz as Moodle XML, in the course text's plain_text format, importable by Moodle and by Themis without loss. */
export function writeMoodleXml(category: string, questions: MoodleXmlExportQuestion[]): string {
  const quiz = { question: [{ '@_type': 'category', category: { text: `$course$/${clean(category)}` } }, ...questions.map(questionNode)] };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz })}`;
}

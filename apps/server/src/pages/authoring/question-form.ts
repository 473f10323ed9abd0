import { AnswerSource, DraftQuestion, OptionSource, PairSource, QUESTION_TYPES } from '@themis/catalog';
import type { FieldErrors, Form } from './draft-forms';

/**
 * One question of the quiz form, every type on a plain form (no script needed): options with
 * their right marks and optional weights (Moodle's partial credit, −100…100 %), the true/false
 * answer, matching pairs (the options rows then hold extra wrong matches), and the accepted
 * answers of short-answer (text, case rule) and numerical questions (value, tolerance), each with
 * its weight. Blank rows are offered under each list to add one without a script.
 */
export const SPARE_ROWS = 2;
export { QUESTION_TYPES };

const text = (form: Form, key: string): string => {
  const v = form[key];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};
const checked = (form: Form, key: string) => form[key] !== undefined && form[key] !== '';

function limited(form: Form, key: string, id: string, max: number, errors: FieldErrors): string {
  const v = text(form, key);
  if (v.length > max) errors[id] = 'authoring.error.tooLong';
  return v;
}

/** A decimal number as people type it in en, az and ru (1.5 or 1,5); undefined (and an error) when it is not one. */
function decimal(form: Form, key: string, id: string, errors: FieldErrors, min: number, max: number, errorKey: string): number | null | undefined {
  const raw = text(form, key).trim().replace(/\s/g, '').replace(',', '.');
  if (raw === '') return null;
  const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    errors[id] = errorKey;
    return undefined;
  }
  return n;
}

/** A weight in percent, as a fraction rounded as Moodle stores it (7 decimals). */
function weight(form: Form, key: string, id: string, errors: FieldErrors): number | null | undefined {
  const w = decimal(form, key, id, errors, -100, 100, 'authoring.error.weight');
  return w === null || w === undefined ? w : Math.round(w * 100000) / 10000000;
}

export type QuestionFormType = (typeof QUESTION_TYPES)[number];

/** Reads question `i` of the form of type `type`; `existing` gives what the form does not show (feedback, tags, module). */
export function readQuestionBody(form: Form, i: number, type: QuestionFormType, existing: DraftQuestion | undefined, errors: FieldErrors): Pick<DraftQuestion, 'options' | 'answer' | 'pairs' | 'answers' | 'caseSensitive'> {
  const p = `q.${i}.`;
  if (type === 'true_false') {
    const answer = text(form, `${p}answer`);
    if (answer !== 'true' && answer !== 'false') errors[`q-${i}-answer`] = 'authoring.error.choose';
    return { options: [], ...(answer === 'true' || answer === 'false' ? { answer: answer === 'true' } : {}) };
  }
  const options: OptionSource[] = [];
  const optionRows = (existing?.options.length ?? 0) + SPARE_ROWS;
  for (let k = 0; k < optionRows; k++) {
    const optionText = limited(form, `${p}o.${k}.text`, `q-${i}-o-${k}-text`, 2000, errors);
    if (optionText.trim() === '') continue;
    if (type === 'matching') {
      options.push({ text: optionText, correct: false });
      continue;
    }
    const fraction = weight(form, `${p}o.${k}.weight`, `q-${i}-o-${k}-weight`, errors);
    // With a weight, "right" follows from it as in the course files: full marks (single), any credit (multiple).
    const correct = typeof fraction === 'number' ? (type === 'single' ? Math.abs(fraction - 1) < 1e-7 : fraction > 0) : checked(form, `${p}o.${k}.correct`);
    const feedback = existing?.options.find((o) => o.text === optionText)?.feedback;
    options.push({ text: optionText, correct, ...(typeof fraction === 'number' ? { fraction } : {}), ...(feedback ? { feedback } : {}) });
  }
  if (type === 'single' || type === 'multiple') return { options };
  if (type === 'matching') {
    const pairs: PairSource[] = [];
    const rows = (existing?.pairs?.length ?? 0) + SPARE_ROWS;
    for (let k = 0; k < rows; k++) {
      const stem = limited(form, `${p}p.${k}.stem`, `q-${i}-p-${k}-stem`, 1000, errors).trim();
      const match = limited(form, `${p}p.${k}.match`, `q-${i}-p-${k}-match`, 1000, errors).trim();
      if (stem === '' && match === '') continue;
      if (stem === '' || match === '') errors[`q-${i}-p-${k}-${stem === '' ? 'stem' : 'match'}`] = 'authoring.error.pairIncomplete';
      else pairs.push({ stem, match });
    }
    return { options, pairs };
  }
  const answers: AnswerSource[] = [];
  const rows = (existing?.answers?.length ?? 0) + SPARE_ROWS;
  for (let k = 0; k < rows; k++) {
    const raw = limited(form, `${p}a.${k}.text`, `q-${i}-a-${k}-text`, 500, errors).trim();
    if (raw === '') continue;
    const w = weight(form, `${p}a.${k}.weight`, `q-${i}-a-${k}-weight`, errors);
    const fraction = w === null || w === undefined ? 1 : w;
    if (type === 'short_answer') {
      const feedback = existing?.answers?.find((a) => a.text === raw)?.feedback;
      answers.push({ text: raw, fraction, ...(feedback ? { feedback } : {}) });
      continue;
    }
    const value = decimal(form, `${p}a.${k}.text`, `q-${i}-a-${k}-text`, errors, -1e15, 1e15, 'authoring.error.number');
    const tolerance = decimal(form, `${p}a.${k}.tolerance`, `q-${i}-a-${k}-tolerance`, errors, 0, 1e15, 'authoring.error.tolerance');
    if (typeof value !== 'number') continue;
    const feedback = existing?.answers?.find((a) => a.value === value && (a.tolerance ?? 0) === (tolerance ?? 0))?.feedback;
    answers.push({ value, ...(tolerance ? { tolerance } : {}), fraction, ...(feedback ? { feedback } : {}) });
  }
  return { options: [], answers, ...(type === 'short_answer' && checked(form, `${p}caseSensitive`) ? { caseSensitive: true } : {}) };
}

/** The percent a stored weight shows in its field: 0.3333333 → "33.33333". */
export const percentOf = (fraction: number | undefined): string => (fraction === undefined ? '' : String(Math.round(fraction * 100 * 100000) / 100000));

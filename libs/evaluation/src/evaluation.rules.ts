import type { EvaluationAnswers } from './entities/evaluation-response.entity';

/** Pure rules of the course evaluation: checking a submission, and the results of many. */
export interface FormItem {
  id: string;
  type: 'rating' | 'text';
  text: string;
}

export interface GivenAnswer {
  itemId: string;
  rating?: number;
  text?: string;
}

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const TEXT_MAX = 2000;

export class EvaluationProblem extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Every rating item needs a rating 1–5; free text is optional (at most 2,000 characters). Throws naming the field. */
export function checkAnswers(items: FormItem[], given: GivenAnswer[]): EvaluationAnswers {
  const out: EvaluationAnswers = {};
  given.forEach((a, i) => {
    const item = items.find((x) => x.id === a.itemId);
    if (!item) throw new EvaluationProblem(`answers[${i}].itemId`, `answers[${i}].itemId: "${a.itemId}" is not an item of this form`);
    if (a.itemId in out) throw new EvaluationProblem(`answers[${i}].itemId`, `answers[${i}].itemId: "${a.itemId}" is answered twice`);
    if (item.type === 'rating') {
      if (!Number.isInteger(a.rating) || a.rating! < RATING_MIN || a.rating! > RATING_MAX) throw new EvaluationProblem(`answers[${i}].rating`, `answers[${i}].rating must be a whole number from ${RATING_MIN} to ${RATING_MAX}`);
      out[item.id] = a.rating!;
    } else {
      const text = typeof a.text === 'string' ? a.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim() : '';
      if (typeof a.text !== 'string' && a.text !== undefined) throw new EvaluationProblem(`answers[${i}].text`, `answers[${i}].text must be text`);
      if (text.length > TEXT_MAX) throw new EvaluationProblem(`answers[${i}].text`, `answers[${i}].text is longer than ${TEXT_MAX} characters`);
      if (text) out[item.id] = text;
    }
  });
  const missing = items.find((x) => x.type === 'rating' && !(x.id in out));
  if (missing) throw new EvaluationProblem('answers', `answers: the item "${missing.id}" needs a rating from ${RATING_MIN} to ${RATING_MAX}`);
  return out;
}

export interface ItemResult {
  itemId: string;
  type: 'rating' | 'text';
  text: string;
  /** Rating items: how many rated, the mean (two decimals) and the count of each rating 1..5. */
  count: number;
  mean?: number | null;
  distribution?: number[];
  /** Text items: every text given. */
  texts?: string[];
}

export function aggregate(items: FormItem[], responses: EvaluationAnswers[]): ItemResult[] {
  return items.map((item) => {
    const values = responses.map((r) => r[item.id]).filter((v) => v !== undefined);
    if (item.type === 'rating') {
      const ratings = values.filter((v): v is number => typeof v === 'number');
      const distribution = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, k) => ratings.filter((r) => r === k + RATING_MIN).length);
      const mean = ratings.length ? Math.round((100 * ratings.reduce((s, r) => s + r, 0)) / ratings.length) / 100 : null;
      return { itemId: item.id, type: item.type, text: item.text, count: ratings.length, mean, distribution };
    }
    const texts = values.filter((v): v is string => typeof v === 'string');
    return { itemId: item.id, type: item.type, text: item.text, count: texts.length, texts };
  });
}

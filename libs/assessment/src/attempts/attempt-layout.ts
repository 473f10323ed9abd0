import type { Answer } from '../grading/grading';
import { shuffle } from '../grading/grading';

/**
 * What one attempt shows: its questions in order, and for each the ids it shows. Option and stem
 * ids are drawn afresh for every attempt (contract: Quizzes), so an id seen in one attempt means
 * nothing in another and a key collected with throw-away accounts fits no one else's attempt;
 * `refs`/`stemRefs` map them back to the stored ids. Attempts started before ids were drawn per
 * attempt have no `refs`: their ids are the stored ones.
 */
export interface AttemptLayout {
  questionId: string;
  optionIds: string[];
  refs?: string[];
  stemIds?: string[];
  stemRefs?: string[];
}

export interface DrawableQuestion {
  id: string;
  type: string;
  options: { id: string }[];
  stems?: { id: string }[];
  tags?: string[];
  module?: string;
}

export interface Draw {
  count?: number;
  perModule?: Record<string, number>;
  perTag?: Record<string, number>;
}

/** N of M questions, in all or so many per module or tag; every question when there is no draw. */
export function drawQuestions<Q extends DrawableQuestion>(questions: Q[], draw: Draw | null, random: () => number = Math.random): Q[] {
  if (!draw) return shuffle(questions, random);
  if (draw.count !== undefined) return shuffle(questions, random).slice(0, draw.count);
  const groups = draw.perModule ?? draw.perTag ?? {};
  const inGroup = (q: Q, name: string) => (draw.perModule ? q.module === name : (q.tags ?? []).includes(name));
  const picked = Object.entries(groups).flatMap(([name, n]) => shuffle(questions.filter((q) => inGroup(q, name)), random).slice(0, n));
  return shuffle([...new Set(picked)], random);
}

export function layoutFor(questions: DrawableQuestion[], random: () => number = Math.random, newId: () => string = () => crypto.randomUUID()): AttemptLayout[] {
  return questions.map((q) => {
    const options = shuffle(q.options, random);
    const stems = q.stems ? shuffle(q.stems, random) : undefined;
    return {
      questionId: q.id,
      optionIds: options.map(() => newId()),
      refs: options.map((o) => o.id),
      ...(stems ? { stemIds: stems.map(() => newId()), stemRefs: stems.map((s) => s.id) } : {}),
    };
  });
}

/** The stored id behind an id this attempt showed, or undefined if it showed no such id. */
const refOf = (shown: string[], refs: string[] | undefined, id: string) => {
  const i = shown.indexOf(id);
  return i < 0 ? undefined : (refs ?? shown)[i];
};

export interface SubmittedAnswer {
  questionId: string;
  optionIds?: string[];
  pairs?: { stemId: string; optionId: string }[];
  text?: string;
  value?: number;
}

export class AnswerProblem extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(`${field} ${problem}`);
  }
}

/**
 * Checks answers against what the attempt showed and translates them to stored ids for grading;
 * throws AnswerProblem naming the field.
 */
export function toStoredAnswers(layout: AttemptLayout[], typeOf: (questionId: string) => string, answers: SubmittedAnswer[], prefix = 'answers'): Answer[] {
  const seen = new Set<string>();
  return answers.map((a, i) => {
    const at = `${prefix}.${i}`;
    const shown = layout.find((l) => l.questionId === a.questionId);
    if (!shown) throw new AnswerProblem(`${at}.questionId`, 'is not a question of this attempt');
    if (seen.has(a.questionId)) throw new AnswerProblem(`${at}.questionId`, 'answers the same question twice');
    seen.add(a.questionId);
    const type = typeOf(a.questionId);
    const only = (key: keyof SubmittedAnswer) => {
      for (const k of ['optionIds', 'pairs', 'text', 'value'] as const) if (k !== key && a[k] !== undefined) throw new AnswerProblem(`${at}.${k}`, `is not an answer to a ${type} question`);
    };
    if (type === 'matching') {
      only('pairs');
      const pairs = (a.pairs ?? []).map((p, j) => {
        const stemId = refOf(shown.stemIds ?? [], shown.stemRefs, p.stemId);
        const optionId = refOf(shown.optionIds, shown.refs, p.optionId);
        if (!stemId) throw new AnswerProblem(`${at}.pairs.${j}.stemId`, 'is not a stem of this question');
        if (!optionId) throw new AnswerProblem(`${at}.pairs.${j}.optionId`, 'is not an option of this question');
        return { stemId, optionId };
      });
      if (new Set(pairs.map((p) => p.stemId)).size !== pairs.length) throw new AnswerProblem(`${at}.pairs`, 'matches a stem twice');
      return { questionId: a.questionId, pairs };
    }
    if (type === 'short_answer') {
      only('text');
      return { questionId: a.questionId, ...(a.text !== undefined ? { text: a.text } : {}) };
    }
    if (type === 'numerical') {
      only('value');
      return { questionId: a.questionId, ...(a.value !== undefined ? { value: a.value } : {}) };
    }
    only('optionIds');
    const ids = a.optionIds ?? [];
    if (type !== 'multiple' && ids.length > 1) throw new AnswerProblem(`${at}.optionIds`, 'takes one option for this question');
    if (new Set(ids).size !== ids.length) throw new AnswerProblem(`${at}.optionIds`, 'names an option twice');
    const optionIds = ids.map((id) => refOf(shown.optionIds, shown.refs, id));
    if (optionIds.some((id) => id === undefined)) throw new AnswerProblem(`${at}.optionIds`, 'holds an option that is not part of this question');
    return { questionId: a.questionId, optionIds: optionIds as string[] };
  });
}

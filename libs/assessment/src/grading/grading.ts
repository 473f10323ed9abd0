import { matchesShortAnswer } from './short-answer';

/**
 * Pure grading, with Moodle's semantics (moodle/moodle question/type/<type>/question.php):
 * - single and true/false: the chosen option's fraction (a right option 1, a wrong one 0);
 * - multiple: without weights, all or nothing (the chosen set must equal the right set); with
 *   weights, the sum of the chosen options' fractions, negative ones included, kept within 0–1;
 * - matching: the share of stems matched rightly;
 * - short answer and numerical: the fraction of the first accepted answer that matches.
 * A question never scores below 0 (Themis's fraction is 0–1, contract: Quizzes).
 */
export interface GradableOption {
  id: string;
  correct: boolean;
  fraction?: number;
}

export interface GradableQuestion {
  id: string;
  type?: string;
  explanation: string;
  options: GradableOption[];
  stems?: { id: string; optionId: string }[];
  answers?: { text?: string; value?: number; tolerance?: number; fraction: number }[];
  caseSensitive?: boolean;
}

export interface Answer {
  questionId: string;
  optionIds?: string[];
  pairs?: { stemId: string; optionId: string }[];
  text?: string;
  value?: number;
}

export interface QuestionGrade {
  questionId: string;
  correct: boolean;
  fraction: number;
  explanation: string;
}

export interface Graded {
  score: number;
  passed: boolean;
  results: QuestionGrade[];
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));

/** Moodle's nominal tolerance, widened by 1e-14 × max(1, |answer|) against rounding (MDL-3225). */
export function withinTolerance(answer: number, tolerance: number, value: number): boolean {
  const t = Math.abs(tolerance) + 1e-14 * Math.max(1, Math.abs(answer));
  return answer - t <= value && value <= answer + t;
}

export function questionFraction(q: GradableQuestion, a: Answer | undefined): number {
  if (!a) return 0;
  switch (q.type ?? 'single') {
    case 'matching': {
      const stems = q.stems ?? [];
      const chosen = new Map((a.pairs ?? []).map((p) => [p.stemId, p.optionId]));
      return stems.length === 0 ? 0 : stems.filter((s) => chosen.get(s.id) === s.optionId).length / stems.length;
    }
    case 'short_answer': {
      const hit = a.text === undefined ? undefined : (q.answers ?? []).find((x) => x.text !== undefined && matchesShortAnswer(x.text, a.text!, q.caseSensitive === true));
      return clamp(hit?.fraction ?? 0);
    }
    case 'numerical': {
      const v = a.value;
      const hit = v === undefined || !Number.isFinite(v) ? undefined : (q.answers ?? []).find((x) => x.value !== undefined && withinTolerance(x.value, x.tolerance ?? 0, v));
      return clamp(hit?.fraction ?? 0);
    }
    case 'multiple': {
      const chosen = new Set(a.optionIds ?? []);
      if (q.options.some((o) => o.fraction !== undefined)) return clamp(q.options.filter((o) => chosen.has(o.id)).reduce((s, o) => s + (o.fraction ?? 0), 0));
      const right = q.options.filter((o) => o.correct).map((o) => o.id);
      return chosen.size === right.length && right.every((id) => chosen.has(id)) ? 1 : 0;
    }
    default: {
      const ids = a.optionIds ?? [];
      if (ids.length !== 1) return 0;
      const o = q.options.find((x) => x.id === ids[0]);
      return clamp(o ? o.fraction ?? (o.correct ? 1 : 0) : 0);
    }
  }
}

export function gradeAttempt(questions: GradableQuestion[], answers: Answer[], passMark: number): Graded {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  const results = questions.map((q) => {
    const fraction = Math.round(questionFraction(q, byQuestion.get(q.id)) * 100000) / 100000;
    // Moodle's graded_state_for_fraction: right above 0.999999.
    return { questionId: q.id, correct: fraction > 0.999999, fraction, explanation: q.explanation };
  });
  const total = results.reduce((s, r) => s + r.fraction, 0);
  const score = questions.length === 0 ? 0 : Math.round((100 * total) / questions.length);
  return { score, passed: score >= passMark, results };
}

/** Fisher–Yates with an injectable random source, so tests can fix the order. */
export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

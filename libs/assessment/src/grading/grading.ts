/** Pure grading: a question scores only when the chosen set equals the correct set exactly. */
export interface GradableQuestion {
  id: string;
  explanation: string;
  options: { id: string; correct: boolean }[];
}

export interface Answer {
  questionId: string;
  optionIds: string[];
}

export interface Graded {
  score: number;
  passed: boolean;
  results: { questionId: string; correct: boolean; explanation: string }[];
}

export function gradeAttempt(questions: GradableQuestion[], answers: Answer[], passMark: number): Graded {
  const byQuestion = new Map(answers.map((a) => [a.questionId, new Set(a.optionIds)]));
  const results = questions.map((q) => {
    const chosen = byQuestion.get(q.id) ?? new Set<string>();
    const correctIds = q.options.filter((o) => o.correct).map((o) => o.id);
    const correct = chosen.size === correctIds.length && correctIds.every((id) => chosen.has(id));
    return { questionId: q.id, correct, explanation: q.explanation };
  });
  const right = results.filter((r) => r.correct).length;
  const score = questions.length === 0 ? 0 : Math.round((100 * right) / questions.length);
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

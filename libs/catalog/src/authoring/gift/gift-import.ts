import type { DraftQuestion } from '../course-files';
import { uniqueQuestionId } from '../draft-edits';
import { GiftProblem, GiftQuestion, parseGift } from './gift-parser';

/**
 * Themis has one explanation per question; GIFT's per-answer feedback is kept by writing it
 * into the explanation under the answer it belongs to, so nothing the author wrote is lost.
 */
export function explanationFor(q: GiftQuestion): string {
  const parts: string[] = [];
  if (q.generalFeedback) parts.push(q.generalFeedback);
  if (q.type === 'true_false' && q.trueFalseFeedback) {
    if (q.trueFalseFeedback.right) parts.push(`If you answered ${q.answer ? 'true' : 'false'}: ${q.trueFalseFeedback.right}`);
    if (q.trueFalseFeedback.wrong) parts.push(`If you answered ${q.answer ? 'false' : 'true'}: ${q.trueFalseFeedback.wrong}`);
  }
  for (const o of q.options) if (o.feedback) parts.push(`“${o.text}”: ${o.feedback}`);
  for (const a of q.answers ?? []) if (a.feedback) parts.push(`“${a.text ?? a.value}”: ${a.feedback}`);
  return parts.join('\n\n');
}

export interface GiftToDraft {
  questions: (DraftQuestion & { category: string | null })[];
  problems: GiftProblem[];
}

/** GIFT text → questions for a draft quiz, ids made from titles and unique beside `takenIds`. */
export function giftToDraftQuestions(text: string, takenIds: Iterable<string>): GiftToDraft {
  const parsed = parseGift(text);
  const taken = new Set(takenIds);
  const questions = parsed.questions.map((q, i) => ({
    id: uniqueQuestionId(q.title ?? `question-${i + 1}`, taken),
    type: q.type,
    prompt: q.prompt,
    explanation: explanationFor(q),
    // Per-answer feedback is kept on the option too, and weights as Moodle's fractions.
    options: q.type === 'true_false' ? [] : q.options.map((o) => ({ text: o.text, correct: o.correct, ...(o.fraction !== undefined ? { fraction: o.fraction } : {}), ...(o.feedback ? { feedback: o.feedback } : {}) })),
    ...(q.type === 'true_false' ? { answer: q.answer! } : {}),
    ...(q.pairs ? { pairs: q.pairs } : {}),
    ...(q.answers ? { answers: q.answers } : {}),
    category: q.category,
  }));
  return { questions, problems: parsed.problems };
}

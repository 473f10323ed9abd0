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
    options: q.type === 'true_false' ? [] : q.options.map((o) => ({ text: o.text, correct: o.correct })),
    ...(q.type === 'true_false' ? { answer: q.answer! } : {}),
    category: q.category,
  }));
  return { questions, problems: parsed.problems };
}

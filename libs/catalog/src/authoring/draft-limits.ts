import { DomainError, ErrorCode } from '@themis/core';
import type { DraftCourse } from './course-files';

/**
 * What one draft may hold. A GIFT import of one question with 40,000 options (~120 kB) once made
 * every later draft read take seconds and stalled the whole server (issue 20): every answer about
 * a draft validates all of it. These bounds sit far above any real course (the largest flagship
 * quiz has 55 questions of 4 options; its draft is ~0.2 MB).
 */
export const DRAFT_LIMITS = {
  /** Options (or any other list: stems, answers) per question. */
  optionsPerQuestion: 50,
  questionsPerQuiz: 500,
  /** The draft as stored (UTF-8 JSON). */
  draftBytes: 2 * 1024 * 1024,
} as const;

export type DraftLimit = keyof typeof DRAFT_LIMITS;

const refuse = (limit: DraftLimit, field: string, message: string, params: Record<string, string | number>) =>
  new DomainError(limit === 'draftBytes' ? ErrorCode.PayloadTooLarge : ErrorCode.ValidationFailed, message, { field, limit, params: { max: DRAFT_LIMITS[limit], ...params } });

/** Throws (400, or 413 for the size) when the draft is past a limit; `details` carry `limit` and `params` for a translated message. */
export function assertDraftWithinLimits(d: DraftCourse): void {
  d.modules.forEach((m, mi) => {
    const quiz = m.quiz;
    if (!quiz) return;
    const at = `modules.${mi}.quiz`;
    if (quiz.questions.length > DRAFT_LIMITS.questionsPerQuiz) {
      throw refuse('questionsPerQuiz', `${at}.questions`, `a quiz may have at most ${DRAFT_LIMITS.questionsPerQuiz} questions; "${quiz.slug}" would have ${quiz.questions.length}`, { quiz: quiz.slug, count: quiz.questions.length });
    }
    quiz.questions.forEach((q, qi) => {
      // Every list of a question counts, so question types added later are bounded too.
      for (const [key, value] of Object.entries(q)) {
        if (Array.isArray(value) && value.length > DRAFT_LIMITS.optionsPerQuestion) {
          throw refuse('optionsPerQuestion', `${at}.questions.${qi}.${key}`, `a question may have at most ${DRAFT_LIMITS.optionsPerQuestion} options; "${q.id}" would have ${value.length}`, { question: q.id, count: value.length });
        }
      }
    });
  });
  const bytes = Buffer.byteLength(JSON.stringify(d));
  if (bytes > DRAFT_LIMITS.draftBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw refuse('draftBytes', '', `a draft may hold at most ${mb(DRAFT_LIMITS.draftBytes)} MB; this one would hold ${mb(bytes)} MB: split the course, or shorten its lessons`, { size: mb(bytes), maxSize: mb(DRAFT_LIMITS.draftBytes) });
  }
}

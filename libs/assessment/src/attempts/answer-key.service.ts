import { Injectable } from '@nestjs/common';
import { CatalogService } from '@themis/catalog';
import { notFound } from '@themis/core';
import { AnswerKeyResponse } from '../dto/submit-attempt.dto';

/** The answer key, for trainers and admins only (the route requires the permission). */
@Injectable()
export class AnswerKeyService {
  constructor(private readonly catalog: CatalogService) {}

  async forCurrentVersion(courseSlug: string, quizSlug: string): Promise<AnswerKeyResponse> {
    const current = await this.catalog.currentVersionId(courseSlug);
    if (!current) throw notFound('Course');
    const quiz = await this.catalog.quizBySlug(current.versionId, quizSlug);
    return {
      slug: quiz.slug,
      title: quiz.title,
      passMark: quiz.passMark,
      maxAttempts: quiz.maxAttempts,
      timeLimitSeconds: quiz.timeLimitSeconds,
      questionCount: quiz.questionCount,
      review: quiz.review,
      draw: quiz.draw,
      // A pool's questions are all listed, drawn or not (contract: Quizzes).
      questions: quiz.questions.map((q) => {
        const weighted = q.options.some((o) => o.fraction !== undefined);
        const fraction = (o: { correct: boolean; fraction?: number }) => (o.fraction !== undefined ? o.fraction : q.type === 'multiple' && !weighted ? null : o.correct ? 1 : 0);
        return {
          id: q.id, key: q.key, type: q.type, prompt: q.prompt, explanation: q.explanation,
          options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct, fraction: fraction(o), ...(o.feedback ? { feedback: o.feedback } : {}) })),
          ...(q.stems ? { stems: q.stems } : {}),
          ...(q.answers ? { answers: q.answers } : {}),
          ...(q.caseSensitive ? { caseSensitive: true } : {}),
          ...(q.tags ? { tags: q.tags } : {}),
          ...(q.module ? { module: q.module } : {}),
        };
      }),
    };
  }
}

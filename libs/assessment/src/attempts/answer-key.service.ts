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
      questions: quiz.questions.map((q) => ({ id: q.id, key: q.key, type: q.type, prompt: q.prompt, explanation: q.explanation, options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct })) })),
    };
  }
}

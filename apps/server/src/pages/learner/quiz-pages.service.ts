import { Injectable } from '@nestjs/common';
import { AnswerDto, AttemptQuestion, AttemptResponse, AttemptService, SubmissionService } from '@themis/assessment';
import { CatalogService } from '@themis/catalog';
import { DomainError, ErrorCode } from '@themis/core';
import { LearningService } from '@themis/learning';

type Form = Record<string, unknown>;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const strings = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

/**
 * A quiz form's fields, one per question named by its id (`<question>.<stem>` for a matching
 * stem), read into the API's answers. A number may be written with a decimal comma (3,5).
 */
export function answersFromForm(questions: AttemptQuestion[], body: Form): AnswerDto[] {
  const out: AnswerDto[] = [];
  for (const q of questions) {
    if (q.type === 'matching') {
      const pairs = (q.stems ?? []).flatMap((s) => strings(body[`${q.id}.${s.id}`]).slice(0, 1).map((optionId) => ({ stemId: s.id, optionId })));
      if (pairs.length) out.push({ questionId: q.id, pairs });
    } else if (q.type === 'short_answer') {
      const text = first(body[q.id]);
      if (typeof text === 'string' && text.trim() !== '') out.push({ questionId: q.id, text: text.slice(0, 500) });
    } else if (q.type === 'numerical') {
      const raw = first(body[q.id]);
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const value = Number(raw.trim().replace(/\s/g, '').replace(',', '.'));
      if (!Number.isFinite(value)) throw new DomainError(ErrorCode.ValidationFailed, `${q.id} must be a number`, { field: q.id });
      out.push({ questionId: q.id, value });
    } else {
      const optionIds = strings(body[q.id]);
      if (optionIds.length) out.push({ questionId: q.id, optionIds });
    }
  }
  return out;
}

const answered = (a: AnswerDto) => (a.optionIds?.length ?? 0) > 0 || (a.pairs?.length ?? 0) > 0 || (a.text ?? '').trim() !== '' || a.value !== undefined;

/** The quiz page and its forms: attempt, autosave, submission with a warning for unanswered questions, result. */
@Injectable()
export class QuizPagesService {
  constructor(
    private readonly learning: LearningService,
    private readonly attempts: AttemptService,
    private readonly submissions: SubmissionService,
    private readonly catalog: CatalogService,
  ) {}

  async quiz(userId: string, slug: string, quizSlug: string, flags: { saved?: boolean; unanswered?: number } = {}, now = Date.now()): Promise<object> {
    const [course, overview] = await Promise.all([this.learning.courseFor(userId, slug), this.attempts.overview(userId, slug, quizSlug)]);
    const open = overview.open;
    const secondsLeft = open?.expiresAt ? Math.max(0, Math.floor((new Date(open.expiresAt).getTime() - now) / 1000)) : null;
    return {
      title: overview.quizTitle,
      course: { slug: course.slug, title: course.title, language: course.language },
      quiz: overview,
      open: open ? { ...open, questions: this.questionsForForm(open) } : null,
      minutesLeft: secondsLeft === null ? null : Math.ceil(secondsLeft / 60),
      secondsLeft,
      timeLimitMinutes: overview.timeLimitSeconds ? Math.ceil(overview.timeLimitSeconds / 60) : null,
      lastAttempt: overview.attempts.filter((a) => a.submittedAt).at(-1) ?? null,
      saved: flags.saved === true && open !== null,
      unanswered: open && flags.unanswered ? flags.unanswered : 0,
    };
  }

  async startAttempt(userId: string, slug: string, quizSlug: string): Promise<{ url: string }> {
    await this.attempts.start(userId, slug, quizSlug);
    return { url: `/courses/${slug}/quizzes/${quizSlug}` };
  }

  /** The save button (and the autosave script): keeps the answers on the server, back to the quiz. */
  async saveAnswers(userId: string, attemptId: string, body: Form): Promise<{ url: string }> {
    const attempt = await this.attempts.get(userId, attemptId);
    await this.attempts.saveAnswers(userId, attemptId, { answers: answersFromForm(attempt.questions, body) });
    return { url: `${await this.quizUrl(attempt)}?saved=1` };
  }

  /** Unanswered questions are saved and the page asks again, unless the learner confirmed (`confirm`). */
  async submitAttempt(userId: string, attemptId: string, body: Form): Promise<{ url: string }> {
    const attempt = await this.attempts.get(userId, attemptId);
    const answers = answersFromForm(attempt.questions, body);
    const missing = attempt.questions.length - answers.filter(answered).length;
    if (missing > 0 && first(body['confirm']) !== 'unanswered') {
      await this.attempts.saveAnswers(userId, attemptId, { answers });
      return { url: `${await this.quizUrl(attempt)}?unanswered=${missing}` };
    }
    await this.submissions.submit(userId, attemptId, { answers });
    return { url: `/attempts/${attemptId}` };
  }

  async result(userId: string, attemptId: string): Promise<object> {
    const result = await this.submissions.result(userId, attemptId);
    const quiz = await this.catalog.quizById(result.quizId);
    const version = await this.catalog.versionContent(quiz.versionId);
    const prompts = new Map(quiz.questions.map((q) => [q.id, q.prompt]));
    return {
      title: quiz.title,
      course: { slug: version.slug, title: version.title, language: version.language },
      quiz: { slug: quiz.slug, title: quiz.title, maxAttempts: quiz.maxAttempts },
      result: { ...result, results: result.results.map((r, i) => ({ ...r, number: i + 1, prompt: prompts.get(r.questionId) ?? '', partial: r.fraction !== undefined && r.fraction > 0 && r.fraction < 1, percent: r.fraction === undefined ? null : Math.round(r.fraction * 100) })) },
      showCorrectness: result.review !== 'score',
      showExplanations: result.review === 'explanations',
      outOfAttempts: !result.passed && result.attemptsLeft === 0,
      canRetry: !result.passed && result.attemptsLeft > 0,
    };
  }

  private async quizUrl(attempt: AttemptResponse & { courseSlug: string }): Promise<string> {
    return `/courses/${attempt.courseSlug}/quizzes/${attempt.quizSlug}`;
  }

  private questionsForForm(open: AttemptResponse) {
    const saved = new Map(open.saved.map((a) => [a.questionId, a]));
    return open.questions.map((q, i) => {
      const s = saved.get(q.id);
      const chosen = new Set(s?.optionIds ?? []);
      const pairs = new Map((s?.pairs ?? []).map((p) => [p.stemId, p.optionId]));
      return {
        ...q,
        number: i + 1,
        multiple: q.type === 'multiple',
        choice: q.type === 'single' || q.type === 'multiple' || q.type === 'true_false',
        matching: q.type === 'matching',
        shortAnswer: q.type === 'short_answer',
        numerical: q.type === 'numerical',
        inputType: q.type === 'multiple' ? 'checkbox' : 'radio',
        options: q.options.map((o) => ({ ...o, checked: chosen.has(o.id) })),
        stems: (q.stems ?? []).map((st) => ({ ...st, options: q.options.map((o) => ({ ...o, selected: pairs.get(st.id) === o.id })) })),
        text: s?.text ?? '',
        value: s?.value === undefined ? '' : String(s.value),
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AttemptService } from '@themis/assessment';
import { CatalogService } from '@themis/catalog';
import { ExpiryReminders } from '@themis/certification';
import { DomainError, ErrorCode } from '@themis/core';
import { UpdateProfileDto, UsersService } from '@themis/identity';
import { LearningService, ProgressService } from '@themis/learning';
import { validateForm } from '../../web/form';
import { CertificatePagesService } from '../certificates/certificate-pages.service';
import { PageResult } from '../../web/page-result';
import { professionOptions } from '../public/public-pages.service';

const LOCALES = [
  { value: 'az', label: 'Azərbaycanca' },
  { value: 'en', label: 'English' },
  { value: 'ru', label: 'Русский' },
];

@Injectable()
export class LearnerPagesService {
  constructor(
    private readonly learning: LearningService,
    private readonly progress: ProgressService,
    private readonly attempts: AttemptService,
    private readonly catalog: CatalogService,
    private readonly users: UsersService,
    private readonly certificates: CertificatePagesService,
    private readonly reminders: ExpiryReminders,
  ) {}

  async course(userId: string | undefined, slug: string): Promise<object> {
    const course = await this.learning.courseFor(userId, slug);
    const progress = userId ? await this.progress.forCourse(userId, slug).catch((e) => this.nullIfNotEnrolled(e)) : null;
    const done = new Set(userId && progress ? await this.learning.completedLessons(userId, slug) : []);
    const modules = course.modules.map((m) => ({ ...m, lessons: m.lessons.map((l) => ({ ...l, done: done.has(l.slug) })) }));
    const nextLesson = modules.flatMap((m) => m.lessons).find((l) => !l.done) ?? null;
    return { title: course.title, course: { ...course, modules }, progress, enrolled: progress !== null, nextLesson, categories: Object.entries(course.cleCategories).map(([name, hours]) => ({ name, hours })) };
  }

  async enroll(userId: string, slug: string): Promise<{ url: string }> {
    await this.learning.enroll(userId, slug);
    return { url: `/courses/${slug}` };
  }

  async lesson(userId: string, slug: string, lessonSlug: string, acknowledged: boolean): Promise<object> {
    const { course, lesson, progress, done } = await this.learning.lessonPage(userId, slug, lessonSlug);
    const module = course.modules.find((m) => m.slug === lesson.moduleSlug);
    const showNote = Boolean(lesson.contentNote) && !acknowledged;
    return {
      title: lesson.title,
      course: { slug: course.slug, title: course.title, language: course.language },
      module: module ? { title: module.title, quiz: module.quiz } : null,
      lesson: showNote ? { ...lesson, html: '' } : lesson,
      showNote,
      done,
      progress,
    };
  }

  async completeLesson(userId: string, slug: string, lessonSlug: string): Promise<{ url: string }> {
    await this.progress.completeLesson(userId, slug, lessonSlug);
    // Where to go next, from the course outline alone: reading the lesson again would record another visit.
    const course = await this.learning.courseFor(userId, slug);
    const order = course.modules.flatMap((m) => m.lessons.map((l) => ({ slug: l.slug, module: m })));
    const i = order.findIndex((l) => l.slug === lessonSlug);
    const module = order[i]?.module;
    if (module?.quiz && module.lessons.at(-1)?.slug === lessonSlug) return { url: `/courses/${slug}/quizzes/${module.quiz.slug}` };
    const next = order[i + 1];
    return { url: next ? `/courses/${slug}/lessons/${next.slug}` : `/courses/${slug}` };
  }

  async quiz(userId: string, slug: string, quizSlug: string, now = Date.now()): Promise<object> {
    const [course, overview] = await Promise.all([this.learning.courseFor(userId, slug), this.attempts.overview(userId, slug, quizSlug)]);
    const open = overview.open;
    const secondsLeft = open?.expiresAt ? Math.max(0, Math.floor((new Date(open.expiresAt).getTime() - now) / 1000)) : null;
    return {
      title: overview.quizTitle,
      course: { slug: course.slug, title: course.title, language: course.language },
      quiz: overview,
      open: open
        ? { ...open, questions: open.questions.map((q, i) => ({ ...q, number: i + 1, multiple: q.type === 'multiple', inputType: q.type === 'multiple' ? 'checkbox' : 'radio' })) }
        : null,
      minutesLeft: secondsLeft === null ? null : Math.ceil(secondsLeft / 60),
      timeLimitMinutes: overview.timeLimitSeconds ? Math.ceil(overview.timeLimitSeconds / 60) : null,
      lastAttempt: overview.attempts.filter((a) => a.submittedAt).at(-1) ?? null,
    };
  }

  async startAttempt(userId: string, slug: string, quizSlug: string): Promise<{ url: string }> {
    await this.attempts.start(userId, slug, quizSlug);
    return { url: `/courses/${slug}/quizzes/${quizSlug}` };
  }

  /** One form field per question, named by the question id; checkboxes repeat the name. */
  async submitAttempt(userId: string, attemptId: string, body: Record<string, unknown>): Promise<{ url: string }> {
    const answers = Object.entries(body)
      .filter(([key]) => /^[0-9a-f-]{36}$/i.test(key))
      .map(([questionId, value]) => ({ questionId, optionIds: (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string') }));
    await this.attempts.submit(userId, attemptId, { answers });
    return { url: `/attempts/${attemptId}` };
  }

  async result(userId: string, attemptId: string): Promise<object> {
    const result = await this.attempts.result(userId, attemptId);
    const quiz = await this.catalog.quizById(result.quizId);
    const version = await this.catalog.versionContent(quiz.versionId);
    const prompts = new Map(quiz.questions.map((q) => [q.id, q.prompt]));
    return {
      title: quiz.title,
      course: { slug: version.slug, title: version.title, language: version.language },
      quiz: { slug: quiz.slug, title: quiz.title, maxAttempts: quiz.maxAttempts },
      result: { ...result, results: result.results.map((r, i) => ({ ...r, number: i + 1, prompt: prompts.get(r.questionId) ?? '' })) },
      canRetry: !result.passed && result.attemptsLeft > 0,
    };
  }

  async dashboard(userId: string): Promise<object> {
    const [courses, certificates] = await Promise.all([this.progress.listForUser(userId), this.certificates.forDashboard(userId)]);
    return { title: 'dashboard.title', courses, certificates, certificatesEnabled: true };
  }

  async profile(userId: string, saved = false): Promise<object> {
    const user = await this.users.findById(userId);
    return { title: 'profile.title', form: user, professions: professionOptions(user.profession), locales: LOCALES.map((l) => ({ ...l, selected: l.value === user.locale })), saved, reminders: await this.reminders.remindersOn(userId) };
  }

  async updateProfile(userId: string, body: Record<string, unknown>): Promise<PageResult> {
    const { value, errors } = await validateForm(UpdateProfileDto, { ...body, barNumber: body['barNumber'] ?? '' });
    if (errors) {
      const form = { ...(await this.users.findById(userId)), ...body };
      return {
        view: 'pages/profile',
        status: 400,
        data: { title: 'profile.title', form, errors, errorList: Object.entries(errors).map(([field, message]) => ({ field, message })), professions: professionOptions(String(form.profession)), locales: LOCALES.map((l) => ({ ...l, selected: l.value === form.locale })), reminders: await this.reminders.remindersOn(userId) },
      };
    }
    const user = await this.users.updateProfile(userId, { ...value, barNumber: typeof body['barNumber'] === 'string' ? body['barNumber'] : '' });
    return { redirect: '/profile?saved=1', locale: user.locale };
  }

  private nullIfNotEnrolled(err: unknown): null {
    if (err instanceof DomainError && err.code === ErrorCode.NotEnrolled) return null;
    throw err;
  }
}

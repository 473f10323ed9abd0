import { Injectable } from '@nestjs/common';
import { CatalogService, isContentLanguage, TranslatedContentService } from '@themis/catalog';
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
    private readonly catalog: CatalogService,
    private readonly translated: TranslatedContentService,
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
    const languages = course.languages ?? [course.language];
    const languageOptions = languages.length > 1 ? LOCALES.filter((l) => languages.includes(l.value)).map((l) => ({ ...l, selected: l.value === course.language })) : [];
    return { title: course.title, course: { ...course, modules }, progress, enrolled: progress !== null, nextLesson, languageOptions, categories: Object.entries(course.cleCategories).map(([name, hours]) => ({ name, hours })) };
  }

  async enroll(userId: string, slug: string, language?: unknown): Promise<{ url: string }> {
    await this.learning.enroll(userId, slug, isContentLanguage(language) ? language : undefined);
    return { url: `/courses/${slug}` };
  }

  /** The learner switches the content language; progress stays (it belongs to the enrolment). */
  async switchLanguage(userId: string, slug: string, language: unknown): Promise<{ url: string }> {
    if (!isContentLanguage(language)) throw new DomainError(ErrorCode.ValidationFailed, 'language must be one of: az, ru, en', { field: 'language' });
    await this.learning.setLanguage(userId, slug, language);
    return { url: `/courses/${slug}` };
  }

  async lesson(userId: string, slug: string, lessonSlug: string, acknowledged: boolean): Promise<object> {
    const { course, lesson, progress, done } = await this.learning.lessonPage(userId, slug, lessonSlug);
    const module = course.modules.find((m) => m.slug === lesson.moduleSlug);
    const showNote = Boolean(lesson.contentNote) && !acknowledged;
    return {
      title: lesson.title,
      course: { slug: course.slug, title: course.title, language: course.language, titleLanguage: course.titleLanguage },
      module: module ? { title: module.title, language: module.language, quiz: module.quiz } : null,
      lesson: showNote ? { ...lesson, html: '' } : lesson,
      showNote,
      done,
      progress,
    };
  }

  async heartbeat(userId: string, slug: string, lessonSlug: string): Promise<void> {
    await this.learning.heartbeat(userId, slug, lessonSlug);
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

  async dashboard(userId: string): Promise<object> {
    const [enrolments, certificates, user] = await Promise.all([this.progress.withEnrolments(userId), this.certificates.forDashboard(userId), this.users.findById(userId)]);
    // Each title in the language the learner reads the course in, marked with it (lang="en" while untranslated).
    const courses = await Promise.all(
      enrolments.map(async ({ progress, versionId, language }) => {
        const { title, language: courseLanguage } = await this.translated.courseTitle(versionId, language ?? user.locale);
        return { ...progress, courseTitle: title, courseLanguage };
      }),
    );
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

import { Injectable } from '@nestjs/common';
import { CatalogService } from '@themis/catalog';
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
    private readonly users: UsersService,
    private readonly certificates: CertificatePagesService,
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

  async dashboard(userId: string): Promise<object> {
    const [courses, certificates] = await Promise.all([this.progress.listForUser(userId), this.certificates.forDashboard(userId)]);
    return { title: 'dashboard.title', courses, certificates, certificatesEnabled: true };
  }

  async profile(userId: string, saved = false): Promise<object> {
    const user = await this.users.findById(userId);
    return { title: 'profile.title', form: user, professions: professionOptions(user.profession), locales: LOCALES.map((l) => ({ ...l, selected: l.value === user.locale })), saved };
  }

  async updateProfile(userId: string, body: Record<string, unknown>): Promise<PageResult> {
    const { value, errors } = await validateForm(UpdateProfileDto, { ...body, barNumber: body['barNumber'] ?? '' });
    if (errors) {
      const form = { ...(await this.users.findById(userId)), ...body };
      return {
        view: 'pages/profile',
        status: 400,
        data: { title: 'profile.title', form, errors, errorList: Object.entries(errors).map(([field, message]) => ({ field, message })), professions: professionOptions(String(form.profession)), locales: LOCALES.map((l) => ({ ...l, selected: l.value === form.locale })) },
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

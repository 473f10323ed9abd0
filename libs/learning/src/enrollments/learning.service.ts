import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogService, CourseDetailResponse, LessonResponse, TranslatedContentService } from '@themis/catalog';
import { UsersService } from '@themis/identity';
import { notFound } from '@themis/core';
import { LessonTimer } from '../progress/lesson-timer';
import { ProgressResponse, ProgressService } from '../progress/progress.service';
import { EnrollmentRepository } from './enrollment.repository';

export interface EnrollmentResponse {
  courseSlug: string;
  enrolledAt: string;
  version: number;
  created: boolean;
  /** The content language chosen (null: the interface language decides). */
  language: string | null;
}

/** The learner's view of the catalogue: the version they are enrolled in, or the current one. */
@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly translated: TranslatedContentService,
    private readonly users: UsersService,
    private readonly enrollments: EnrollmentRepository,
    private readonly progress: ProgressService,
    private readonly timer: LessonTimer,
  ) {}

  /** `lang` is `?lang=`; `interfaceLocale` the page's language when known (else the account's). */
  async courseFor(userId: string | undefined, slug: string, lang?: string, interfaceLocale?: string): Promise<CourseDetailResponse> {
    const enrolled = userId ? await this.enrollments.find(userId, slug) : null;
    const wish = { requested: lang, enrolment: enrolled?.language, interface: interfaceLocale ?? (userId ? await this.users.localeOf(userId) : null) };
    if (enrolled) return this.translated.courseDetail(enrolled.versionId, wish);
    const current = await this.catalog.currentVersionId(slug);
    if (!current) throw notFound('Course');
    return this.translated.courseDetail(current.versionId, wish);
  }

  /** The content language is chosen at enrolment (default: the interface language); a repeat enrolment with `lang` switches it. */
  async enroll(userId: string, slug: string, lang?: string): Promise<EnrollmentResponse> {
    const current = await this.catalog.currentVersionId(slug);
    if (!current) throw notFound('Course');
    const chosen = lang ?? (await this.users.localeOf(userId));
    const result = await this.enrollments.enroll(userId, current.courseId, current.versionId, chosen);
    if (!result.created && lang && lang !== result.language) await this.enrollments.setLanguage(userId, slug, lang);
    const version = await this.catalog.versionContent(result.versionId);
    return { courseSlug: slug, enrolledAt: new Date(result.enrolledAt).toISOString(), version: version.version, created: result.created, language: result.created ? result.language : (lang ?? result.language) };
  }

  /** Switches the content language of an enrolment, keeping its progress. */
  async setLanguage(userId: string, slug: string, lang: string): Promise<EnrollmentResponse> {
    if (!(await this.enrollments.setLanguage(userId, slug, lang))) throw notFound('Enrollment');
    return this.enroll(userId, slug);
  }

  async lesson(userId: string, slug: string, lessonSlug: string, lang?: string): Promise<LessonResponse> {
    const enrollment = await this.progress.requireEnrollment(userId, slug);
    const lesson = await this.translated.lesson(enrollment.versionId, lessonSlug, { requested: lang, enrolment: enrollment.language, interface: await this.users.localeOf(userId) });
    await this.timer.recordVisit(this.db.manager, userId, enrollment.id, await this.catalog.lessonId(enrollment.versionId, lessonSlug));
    return lesson;
  }

  /**
   * What the lesson page shows: the course, the lesson (its visit recorded), the learner's
   * progress and whether this lesson is done, from one read of the learner's standing (the
   * course content comes from the catalogue's cache).
   */
  async lessonPage(userId: string, slug: string, lessonSlug: string, interfaceLocale?: string, lang?: string): Promise<{ course: CourseDetailResponse; lesson: LessonResponse; progress: ProgressResponse; done: boolean }> {
    const { enrollment, progress, completedLessonIds } = await this.progress.standing(userId, slug);
    const wish = { requested: lang, enrolment: enrollment.language, interface: interfaceLocale };
    const [course, lesson, lessonId] = await Promise.all([
      this.translated.courseDetail(enrollment.versionId, wish),
      this.translated.lesson(enrollment.versionId, lessonSlug, wish),
      this.catalog.lessonId(enrollment.versionId, lessonSlug),
    ]);
    await this.timer.recordVisit(this.db.manager, userId, enrollment.id, lessonId);
    return { course, lesson, progress, done: completedLessonIds.includes(lessonId) };
  }

  /** The lesson page's heartbeat while it is visible: keeps the study clock on this lesson. */
  async heartbeat(userId: string, slug: string, lessonSlug: string): Promise<{ secondsOnTask: number }> {
    const enrollment = await this.progress.requireEnrollment(userId, slug);
    const lessonId = await this.catalog.lessonId(enrollment.versionId, lessonSlug);
    return { secondsOnTask: await this.timer.heartbeat(this.db.manager, userId, enrollment.id, lessonId) };
  }

  async completedLessons(userId: string, slug: string): Promise<string[]> {
    const enrollment = await this.enrollments.find(userId, slug);
    return enrollment ? this.enrollments.completedLessonSlugs(userId, enrollment.id) : [];
  }
}

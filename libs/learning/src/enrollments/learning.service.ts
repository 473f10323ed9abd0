import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogService, CourseDetailResponse, LessonResponse } from '@themis/catalog';
import { notFound } from '@themis/core';
import { LessonTimer } from '../progress/lesson-timer';
import { ProgressResponse, ProgressService } from '../progress/progress.service';
import { EnrollmentRepository } from './enrollment.repository';

export interface EnrollmentResponse {
  courseSlug: string;
  enrolledAt: string;
  version: number;
  created: boolean;
}

/** The learner's view of the catalogue: the version they are enrolled in, or the current one. */
@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly enrollments: EnrollmentRepository,
    private readonly progress: ProgressService,
    private readonly timer: LessonTimer,
  ) {}

  async courseFor(userId: string | undefined, slug: string): Promise<CourseDetailResponse> {
    const enrolled = userId ? await this.enrollments.find(userId, slug) : null;
    if (enrolled) return this.catalog.courseDetail(enrolled.versionId);
    const current = await this.catalog.currentVersionId(slug);
    if (!current) throw notFound('Course');
    return this.catalog.courseDetail(current.versionId);
  }

  async enroll(userId: string, slug: string): Promise<EnrollmentResponse> {
    const current = await this.catalog.currentVersionId(slug);
    if (!current) throw notFound('Course');
    const result = await this.enrollments.enroll(userId, current.courseId, current.versionId);
    const version = await this.catalog.versionContent(result.versionId);
    return { courseSlug: slug, enrolledAt: new Date(result.enrolledAt).toISOString(), version: version.version, created: result.created };
  }

  async lesson(userId: string, slug: string, lessonSlug: string): Promise<LessonResponse> {
    const enrollment = await this.progress.requireEnrollment(userId, slug);
    const lesson = await this.catalog.lesson(enrollment.versionId, lessonSlug);
    await this.timer.recordVisit(this.db.manager, userId, enrollment.id, await this.catalog.lessonId(enrollment.versionId, lessonSlug));
    return lesson;
  }

  /**
   * What the lesson page shows: the course, the lesson (its visit recorded), the learner's
   * progress and whether this lesson is done, from one read of the learner's standing (the
   * course content comes from the catalogue's cache).
   */
  async lessonPage(userId: string, slug: string, lessonSlug: string): Promise<{ course: CourseDetailResponse; lesson: LessonResponse; progress: ProgressResponse; done: boolean }> {
    const { enrollment, progress, completedLessonIds } = await this.progress.standing(userId, slug);
    const [course, lesson, lessonId] = await Promise.all([
      this.catalog.courseDetail(enrollment.versionId),
      this.catalog.lesson(enrollment.versionId, lessonSlug),
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

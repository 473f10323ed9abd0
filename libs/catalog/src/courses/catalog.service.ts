import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '@themis/core';
import { Course } from '../entities/course.entity';
import { CourseModule } from '../entities/course-module.entity';
import { CourseVersion } from '../entities/course-version.entity';
import { Lesson } from '../entities/lesson.entity';
import { Quiz } from '../entities/quiz.entity';
import { QuizQuestion } from '../entities/quiz-question.entity';
import { CourseDetailResponse, CourseFacts, CourseSummaryResponse, DEFAULT_REVIEW, drawSize, LessonResponse, QuizContent, StaffCourseResponse, toCaseRefResponse, VersionContent } from './catalog.types';
import type { DrawSource } from '../format/course-source';

/** Read side of the catalogue. Versions never change once imported, so their content is cached by id. */
@Injectable()
export class CatalogService {
  private readonly versions = new Map<string, Promise<VersionContent>>();
  private readonly lessons = new Map<string, Promise<LessonResponse>>();
  private readonly quizzes = new Map<string, Promise<QuizContent>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listPublished(audience?: string): Promise<CourseSummaryResponse[]> {
    const rows = await this.db
      .getRepository(CourseVersion)
      .createQueryBuilder('v')
      .innerJoin(Course, 'c', 'c.current_version_id = v.id')
      .select(['v.id AS id', 'v.languages AS languages'])
      .where('v.published = true')
      .andWhere(audience ? ':audience = ANY(v.audience)' : 'true', { audience })
      .orderBy('v.title')
      .getRawMany<{ id: string; languages: string[] }>();
    const contents = await Promise.all(rows.map((r) => this.versionContent(r.id)));
    return contents.map((v, i) => ({ ...courseFacts(v), moduleCount: v.modules.length, languages: rows[i]!.languages.length ? rows[i]!.languages : [v.language] }));
  }

  /** Every course with all its versions, published or not, newest first: the staff view of the catalogue. */
  async listAllForStaff(): Promise<StaffCourseResponse[]> {
    const rows = await this.db
      .getRepository(CourseVersion)
      .createQueryBuilder('v')
      .innerJoin(Course, 'c', 'c.id = v.course_id')
      .select(['c.slug AS slug', 'v.id AS id', 'v.version AS version', 'v.published AS published', 'v.created_at AS "importedAt"', '(c.current_version_id = v.id) AS current'])
      .orderBy('c.slug')
      .addOrderBy('v.version', 'DESC')
      .getRawMany<{ slug: string; id: string; version: number; published: boolean; importedAt: Date; current: boolean }>();
    const bySlug = new Map<string, StaffCourseResponse>();
    for (const r of rows) {
      const v = await this.versionContent(r.id);
      const course = bySlug.get(r.slug) ?? { slug: r.slug, currentVersion: null, versions: [] };
      if (r.current) course.currentVersion = r.version;
      course.versions.push({
        version: r.version,
        title: v.title,
        language: v.language,
        published: r.published,
        current: r.current,
        importedAt: new Date(r.importedAt).toISOString(),
        quizzes: v.modules.flatMap((m) => (m.quiz ? [{ slug: m.quiz.slug, title: m.quiz.title }] : [])),
      });
      bySlug.set(r.slug, course);
    }
    return [...bySlug.values()];
  }

  /** The course's current version; null when unknown or unpublished. */
  async currentVersionId(slug: string): Promise<{ courseId: string; versionId: string } | null> {
    const row = await this.db
      .getRepository(Course)
      .createQueryBuilder('c')
      .innerJoin(CourseVersion, 'v', 'v.id = c.current_version_id')
      .select(['c.id AS "courseId"', 'v.id AS "versionId"'])
      .where('c.slug = :slug AND v.published = true', { slug })
      .getRawOne<{ courseId: string; versionId: string }>();
    return row ?? null;
  }

  async courseDetail(versionId: string): Promise<CourseDetailResponse> {
    const v = await this.versionContent(versionId);
    return {
      ...courseFacts(v),
      validityMonths: v.validityMonths,
      modules: v.modules.map((m) => ({
        slug: m.slug,
        title: m.title,
        summary: m.summary,
        outcomes: m.outcomes,
        lessons: m.lessons.map((l) => ({ slug: l.slug, title: l.title, minutes: l.minutes })),
        quiz: m.quiz
          ? { slug: m.quiz.slug, title: m.quiz.title, passMark: m.quiz.passMark, questionCount: m.quiz.questionCount, maxAttempts: m.quiz.maxAttempts, timeLimitSeconds: m.quiz.timeLimitSeconds }
          : null,
      })),
    };
  }

  versionContent(versionId: string): Promise<VersionContent> {
    return this.memo(this.versions, versionId, () => this.loadVersion(versionId));
  }

  lesson(versionId: string, lessonSlug: string): Promise<LessonResponse> {
    return this.memo(this.lessons, `${versionId}:${lessonSlug}`, () => this.loadLesson(versionId, lessonSlug));
  }

  async lessonId(versionId: string, lessonSlug: string): Promise<string> {
    const v = await this.versionContent(versionId);
    const lesson = v.modules.flatMap((m) => m.lessons).find((l) => l.slug === lessonSlug);
    if (!lesson) throw notFound('Lesson');
    return lesson.id;
  }

  async quizBySlug(versionId: string, quizSlug: string): Promise<QuizContent> {
    const v = await this.versionContent(versionId);
    const quiz = v.modules.find((m) => m.quiz?.slug === quizSlug)?.quiz;
    if (!quiz) throw notFound('Quiz');
    return this.quizById(quiz.id);
  }

  quizById(quizId: string): Promise<QuizContent> {
    return this.memo(this.quizzes, quizId, () => this.loadQuiz(quizId));
  }

  /** Caches a successful load only; a failed one is retried next time. */
  private memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let hit = cache.get(key);
    if (!hit) {
      hit = load();
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  }

  private async loadVersion(versionId: string): Promise<VersionContent> {
    const v = await this.db.getRepository(CourseVersion).findOne({
      where: { id: versionId },
      relations: { course: true },
      select: { id: true, courseId: true, version: true, title: true, summary: true, cleHours: true, cleCategories: true, audience: true, language: true, validityMonths: true, minLessonSeconds: true, lessonsBeforeQuiz: true, course: { slug: true, id: true } },
    });
    if (!v) throw notFound('Course version');
    const [modules, lessons, quizzes, [extras]] = await Promise.all([
      this.db.getRepository(CourseModule).find({ where: { versionId }, order: { position: 'ASC' } }),
      this.db.getRepository(Lesson).find({ where: { versionId }, order: { position: 'ASC' }, select: ['id', 'moduleId', 'slug', 'title', 'minutes', 'position'] }),
      this.db
        .getRepository(Quiz)
        .createQueryBuilder('q')
        .leftJoin(QuizQuestion, 'qq', 'qq.quiz_id = q.id')
        .select(['q.id AS id', 'q.module_id AS "moduleId"', 'q.slug AS slug', 'q.title AS title', 'q.pass_mark AS "passMark"', 'q.max_attempts AS "maxAttempts"', 'q.time_limit_seconds AS "timeLimitSeconds"', 'q.draw AS draw', 'count(qq.id)::int AS "questionCount"'])
        .where('q.version_id = :versionId', { versionId })
        .groupBy('q.id')
        .getRawMany(),
      // The requirements a course declares (evaluation form, attendance codes) live in its source only.
      this.db.query(
        `SELECT source->'evaluation' AS evaluation, coalesce((source->>'evaluationRequired')::boolean, false) AS "evaluationRequired", source->'attendanceCodes' AS "attendanceCodes",
                (SELECT jsonb_object_agg(t.key, t.value->'evaluation') FROM jsonb_each(coalesce(source->'translations', '{}'::jsonb)) t WHERE t.value ? 'evaluation') AS "evaluationTranslations"
           FROM course_versions WHERE id = $1`,
        [versionId],
      ),
    ]);
    const mods = modules.map((m) => ({
      id: m.id,
      slug: m.slug,
      title: m.title,
      summary: m.summary,
      outcomes: m.outcomes,
      lessons: lessons.filter((l) => l.moduleId === m.id).map((l) => ({ id: l.id, slug: l.slug, title: l.title, minutes: l.minutes, position: l.position })),
      quiz: (quizzes.find((q) => q.moduleId === m.id) as VersionContent['modules'][number]['quiz']) ?? null,
    }));
    for (const m of mods) {
      if (!m.quiz) continue;
      const raw = m.quiz as typeof m.quiz & { moduleId?: string; draw?: DrawSource | null };
      raw.questionCount = drawSize(raw.draw, raw.questionCount);
      delete raw.moduleId;
      delete raw.draw;
    }
    return {
      id: v.id,
      courseId: v.courseId,
      slug: v.course!.slug,
      version: v.version,
      title: v.title,
      summary: v.summary,
      cleHours: v.cleHours,
      cleCategories: v.cleCategories,
      audience: v.audience,
      language: v.language,
      validityMonths: v.validityMonths,
      minLessonSeconds: v.minLessonSeconds,
      lessonsBeforeQuiz: v.lessonsBeforeQuiz,
      evaluation: extras?.evaluation ? { ...extras.evaluation, translations: extras.evaluationTranslations ?? {} } : null,
      evaluationRequired: extras?.evaluationRequired === true && !!extras?.evaluation,
      attendanceCodes: extras?.attendanceCodes ?? null,
      modules: mods,
      lessonIds: lessons.map((l) => l.id),
      quizIds: quizzes.map((q) => q.id as string),
    };
  }

  private async loadLesson(versionId: string, slug: string): Promise<LessonResponse> {
    const [v, lesson] = await Promise.all([this.versionContent(versionId), this.db.getRepository(Lesson).findOneBy({ versionId, slug })]);
    if (!lesson) throw notFound('Lesson');
    const all = v.modules.flatMap((m) => m.lessons);
    const i = all.findIndex((l) => l.id === lesson.id);
    const link = (l?: { slug: string; title: string }) => (l ? { slug: l.slug, title: l.title } : null);
    return {
      slug: lesson.slug,
      title: lesson.title,
      minutes: lesson.minutes,
      contentNote: lesson.contentNote,
      html: lesson.html,
      caseRefs: lesson.caseRefs.map(toCaseRefResponse),
      moduleSlug: v.modules.find((m) => m.id === lesson.moduleId)!.slug,
      previous: link(all[i - 1]),
      next: link(all[i + 1]),
    };
  }

  private async loadQuiz(quizId: string): Promise<QuizContent> {
    const quiz = await this.db.getRepository(Quiz).findOneBy({ id: quizId });
    if (!quiz) throw notFound('Quiz');
    const questions = await this.db.getRepository(QuizQuestion).find({ where: { quizId }, order: { position: 'ASC' } });
    return {
      id: quiz.id,
      versionId: quiz.versionId,
      slug: quiz.slug,
      title: quiz.title,
      passMark: quiz.passMark,
      maxAttempts: quiz.maxAttempts,
      timeLimitSeconds: quiz.timeLimitSeconds,
      review: quiz.review ?? DEFAULT_REVIEW,
      draw: quiz.draw,
      questionCount: drawSize(quiz.draw, questions.length),
      questions: questions.map((q) => ({ id: q.id, key: q.key, type: q.type, prompt: q.prompt, explanation: q.explanation, options: q.options, ...(q.spec ?? {}) })),
    };
  }
}

const courseFacts = (v: VersionContent): CourseFacts => ({
  slug: v.slug,
  title: v.title,
  summary: v.summary,
  cleHours: v.cleHours,
  cleCategories: v.cleCategories,
  audience: v.audience,
  language: v.language,
  version: v.version,
});

import * as crypto from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { inTransaction } from '@themis/database';
import { CourseSource, OptionSource, QuestionSource, totalCleHours } from '../format/course-source';
import { readCatalog } from '../format/course-reader';
import { Course } from '../entities/course.entity';
import { CourseModule } from '../entities/course-module.entity';
import { CourseVersion } from '../entities/course-version.entity';
import { Lesson } from '../entities/lesson.entity';
import { Quiz } from '../entities/quiz.entity';
import { QuestionSpec, QuizQuestion, StoredOption } from '../entities/quiz-question.entity';
import { renderCitationsAsText, renderLessonHtml } from '../render/lesson-renderer';
import { canonical } from '../authoring/course-diff';
import { withoutTranslations } from '../format/translation-source';
import { ContentTranslation } from '../translations/content-translation.entity';
import { courseLanguages, translationRows } from '../translations/translation-rows';
import { TRUE_FALSE_LABELS } from '../translations/translated-content';

export interface ImportOutcome {
  slug: string;
  version: number;
  changed: boolean;
  /** Set when the files match this older version: a newer one (published in the editor) is kept. */
  filesMatchVersion?: number;
}

export interface CatalogImportReport {
  outcomes: ImportOutcome[];
  invalid: string[];
  problems: { file: string; line: number; message: string }[];
}

export const contentHash = (source: CourseSource) => crypto.createHash('sha256').update(JSON.stringify(source)).digest('hex');

/** Turns course folders into versioned rows: an unchanged course is left alone, a changed one becomes version n+1. */
@Injectable()
export class CourseImporter {
  private readonly logger = new Logger(CourseImporter.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async importFolder(coursesDir: string): Promise<CatalogImportReport> {
    const { courses, invalid, problems } = readCatalog(coursesDir);
    for (const p of problems) this.logger.warn(`${p.file}:${p.line}: ${p.message}`);
    const outcomes: ImportOutcome[] = [];
    for (const source of courses) {
      const outcome = await inTransaction(this.dataSource, (manager) => this.importIn(manager, source, { keepNewer: true }));
      if (outcome.filesMatchVersion) this.logger.warn(`course ${source.slug}: the files are version ${outcome.filesMatchVersion}; version ${outcome.version}, published in the editor, is kept (export it to update the files)`);
      outcomes.push(outcome);
    }
    return { outcomes, invalid, problems };
  }

  importCourse(source: CourseSource): Promise<ImportOutcome> {
    return inTransaction(this.dataSource, (manager) => this.importIn(manager, source));
  }

  /**
   * `keepNewer` is for syncing the courses/ folder on start: files that equal an older version
   * are files nobody updated after a trainer published in the editor, not a request to go back.
   */
  async importIn(manager: EntityManager, source: CourseSource, options: { keepNewer?: boolean; publishedBy?: string } = {}): Promise<ImportOutcome> {
    const hash = contentHash(source);
    await manager.createQueryBuilder().insert().into(Course).values({ slug: source.slug }).orIgnore().execute();
    // The row lock makes two servers starting together import a change once.
    const course = await manager.getRepository(Course).createQueryBuilder('c').setLock('pessimistic_write').where('c.slug = :slug', { slug: source.slug }).getOneOrFail();
    const latest = await manager.getRepository(CourseVersion).findOne({ where: { courseId: course.id }, order: { version: 'DESC' }, select: ['id', 'version', 'contentHash'] });
    if (latest && (latest.contentHash === hash || (await this.sameContent(manager, latest.id, source)))) {
      if (course.currentVersionId !== latest.id) await manager.update(Course, { id: course.id }, { currentVersionId: latest.id });
      return { slug: source.slug, version: latest.version, changed: false };
    }
    if (latest && options.keepNewer) {
      const older = await manager.getRepository(CourseVersion).findOne({ where: { courseId: course.id, contentHash: hash }, select: ['version'] });
      if (older) return { slug: source.slug, version: latest.version, changed: false, filesMatchVersion: older.version };
    }
    const version = await this.insertVersion(manager, course.id, (latest?.version ?? 0) + 1, source, hash, options.publishedBy ?? null);
    await manager.update(Course, { id: course.id }, { currentVersionId: version.id });
    return { slug: source.slug, version: version.version, changed: true };
  }

  /** The same course whatever the order of object keys (JSONB stores them reordered, so an exported version reads back in another order). */
  private async sameContent(manager: EntityManager, versionId: string, source: CourseSource): Promise<boolean> {
    const stored = await manager.getRepository(CourseVersion).findOne({ where: { id: versionId }, select: ['id', 'source'] });
    return !!stored && JSON.stringify(canonical(stored.source)) === JSON.stringify(canonical(source));
  }

  async insertVersion(manager: EntityManager, courseId: string, number: number, source: CourseSource, hash = contentHash(source), publishedBy: string | null = null): Promise<CourseVersion> {
    const version = await manager.save(
      manager.create(CourseVersion, {
        courseId,
        version: number,
        contentHash: hash,
        title: source.title,
        summary: source.summary,
        language: source.language,
        audience: source.audience,
        cleHours: totalCleHours(source.cleHours),
        cleCategories: source.cleHours as Record<string, number>,
        validityMonths: source.validityMonths ?? null,
        minLessonSeconds: source.minLessonSeconds ?? null,
        lessonsBeforeQuiz: source.lessonsBeforeQuiz === true,
        published: source.published,
        publishedBy,
        languages: courseLanguages(source),
        structureHash: contentHash(withoutTranslations(source)),
        source,
      }),
    );
    const translated = translationRows(version.id, source);
    // jsonb content: TypeORM's deep-partial type does not admit Record<string, unknown>.
    if (translated.length > 0) await manager.insert(ContentTranslation, translated as QueryDeepPartialEntity<ContentTranslation>[]);
    let lessonPosition = 0;
    for (const [m, mod] of source.modules.entries()) {
      const moduleRow = await manager.save(
        manager.create(CourseModule, { versionId: version.id, slug: mod.slug, position: m, title: mod.title, summary: mod.summary ?? null, outcomes: mod.outcomes }),
      );
      if (mod.lessons.length > 0) {
        await manager.insert(
          Lesson,
          mod.lessons.map((l) => ({
            versionId: version.id,
            moduleId: moduleRow.id,
            slug: l.slug,
            position: lessonPosition++,
            title: l.title,
            minutes: l.minutes ?? null,
            html: renderLessonHtml(l.markdown, source.bibliography),
            contentNote: l.contentNote ?? null,
            caseRefs: l.cases.map((k) => source.bibliography[k]!).filter(Boolean),
          })),
        );
      }
      if (mod.quiz) {
        const quiz = await manager.save(
          manager.create(Quiz, {
            versionId: version.id,
            moduleId: moduleRow.id,
            slug: mod.quiz.slug,
            title: mod.quiz.title,
            passMark: mod.quiz.passMark,
            maxAttempts: mod.quiz.maxAttempts,
            timeLimitSeconds: mod.quiz.timeLimitMinutes ? mod.quiz.timeLimitMinutes * 60 : null,
            review: mod.quiz.review ?? null,
            draw: mod.quiz.draw ?? null,
          }),
        );
        if (mod.quiz.questions.length > 0) {
          await manager.insert(
            QuizQuestion,
            mod.quiz.questions.map((q, i) => ({
              quizId: quiz.id,
              key: q.id,
              position: i,
              type: q.type,
              prompt: renderCitationsAsText(q.prompt, source.bibliography),
              explanation: renderCitationsAsText(q.explanation, source.bibliography),
              ...storedQuestion(q, source.language, mod.slug),
            })),
          );
        }
      }
    }
    return version;
  }
}

function storedQuestion(q: QuestionSource, language: string, moduleSlug: string): { options: StoredOption[]; spec: QuestionSpec } {
  const labels = { ...(q.tags?.length ? { tags: q.tags } : {}), module: q.module ?? moduleSlug };
  if (q.type === 'matching') {
    // The options are the distinct matches and the extra wrong ones; each stem points at its match.
    const texts = [...new Set([...(q.pairs ?? []).map((p) => p.match), ...q.options.map((o) => o.text)])];
    const options = texts.map((text) => ({ id: crypto.randomUUID(), text, correct: false }));
    const stems = (q.pairs ?? []).map((p) => ({ id: crypto.randomUUID(), text: p.stem, optionId: options.find((o) => o.text === p.match)!.id }));
    return { options, spec: { stems, ...labels } };
  }
  if (q.type === 'short_answer' || q.type === 'numerical') {
    return { options: [], spec: { answers: q.answers ?? [], ...(q.caseSensitive ? { caseSensitive: true } : {}), ...labels } };
  }
  const options: OptionSource[] =
    q.type === 'true_false'
      ? (TRUE_FALSE_LABELS[language] ?? TRUE_FALSE_LABELS['en']!).map((text, i) => ({ text, correct: (i === 0) === q.answer }))
      : q.options;
  return {
    options: options.map((o) => ({ id: crypto.randomUUID(), text: o.text, correct: o.correct, ...(o.fraction !== undefined ? { fraction: o.fraction } : {}), ...(o.feedback ? { feedback: o.feedback } : {}) })),
    spec: labels,
  };
}

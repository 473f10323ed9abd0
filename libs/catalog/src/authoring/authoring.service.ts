import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, notFound } from '@themis/core';
import { inTransaction } from '@themis/database';
import { readBibliography } from '../format/bibliography-reader';
import { CaseRef, SLUG } from '../format/course-source';
import { CourseImporter } from '../import/course-importer';
import { renderLessonHtml } from '../render/lesson-renderer';
import { ArchiveImportResponse, AuthoringCourseResponse, DraftResponse, GiftImportResponse, MoodleXmlImportResponse, PublishResponse } from './authoring.types';
import { readArchiveCatalog, readCourseArchive, writeCourseArchive } from './course-archive';
import { CourseDiff, diffCourses } from './course-diff';
import { CourseDraft } from './course-draft.entity';
import { CourseDraftRepository } from './course-draft.repository';
import { draftFromSource, DraftCourse } from './course-files';
import { emptyCourse, findQuiz } from './draft-edits';
import { assertDraftWithinLimits } from './draft-limits';
import { validateDraft } from './draft-validation';
import { giftToDraftQuestions } from './gift/gift-import';
import { writeGift } from './gift/gift-parser';
import { moodleXmlToDraftQuestions } from './moodle-xml/moodle-xml-import';
import { writeMoodleXml } from './moodle-xml/moodle-xml-writer';

export interface Author {
  id: string;
  fullName: string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Drafts, publishing, diffs and files in and out: the trainer's side of the catalogue. */
@Injectable()
export class AuthoringService {
  constructor(
    private readonly drafts: CourseDraftRepository,
    private readonly importer: CourseImporter,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** courses/ is read at start-up only (a changed folder is a new deployment): read once, not on every draft answer. */
  private folderBibliography?: Map<string, CaseRef>;

  /** The folder's bibliography, plus judgments only imported versions know (e.g. from an uploaded archive). */
  async bibliography(): Promise<Map<string, CaseRef>> {
    const map = new Map((await this.drafts.storedBibliography()).map((r) => [r.key, r]));
    this.folderBibliography ??= readBibliography(this.config.coursesDir, []);
    for (const [k, v] of this.folderBibliography) map.set(k, v);
    return new Map([...map].sort(([a], [b]) => a.localeCompare(b)));
  }

  async bibliographyList(): Promise<CaseRef[]> {
    return [...(await this.bibliography()).values()];
  }

  async listCourses(): Promise<AuthoringCourseResponse[]> {
    const [courses, drafts] = await Promise.all([this.drafts.listCourses(), this.drafts.listDrafts()]);
    const bySlug = new Map(drafts.map((d) => [d.courseSlug, d]));
    const slugs = [...new Set([...courses.map((c) => c.slug), ...drafts.map((d) => d.courseSlug)])].sort();
    return slugs.map((slug) => {
      const versions = courses.find((c) => c.slug === slug)?.versions ?? [];
      const d = bySlug.get(slug);
      return {
        slug,
        currentVersion: versions.find((v) => v.current)?.version ?? null,
        versions: versions.map((v) => ({ ...v, createdAt: iso(v.createdAt) })),
        draft: d ? { revision: d.revision, baseVersion: d.baseVersion, updatedAt: iso(d.updatedAt), updatedByName: d.updatedByName } : null,
      };
    });
  }

  async createCourse(author: Author, slug: string, title: string): Promise<DraftResponse> {
    if (!SLUG.test(slug) || slug.length > 100) throw new DomainError(ErrorCode.ValidationFailed, 'slug must be lower-case letters, digits and hyphens', { field: 'slug' });
    if (await this.drafts.courseExists(slug)) throw new DomainError(ErrorCode.Conflict, `a course "${slug}" already exists: open a draft of it instead`, { exists: 'course' });
    if (!(await this.drafts.create(slug, null, emptyCourse(slug, title.trim()), author))) throw new DomainError(ErrorCode.Conflict, `a draft of "${slug}" already exists`, { exists: 'draft' });
    return this.getDraft(slug);
  }

  /** The open draft of a course, started from its current version if there is none. */
  async openDraft(author: Author, slug: string): Promise<{ created: boolean; draft: DraftResponse }> {
    if (await this.drafts.find(slug)) return { created: false, draft: await this.getDraft(slug) };
    const current = await this.drafts.versionSource(slug);
    if (!current) throw notFound('Course');
    const created = await this.drafts.create(slug, current.version, draftFromSource(current.source), author);
    return { created, draft: await this.getDraft(slug) };
  }

  async getDraft(slug: string): Promise<DraftResponse> {
    const draft = await this.drafts.find(slug);
    if (!draft) throw notFound('Draft');
    return this.toResponse(draft);
  }

  /**
   * Deletes the open draft; the course's published versions are another table and stay as they are.
   * With a revision, a draft someone saved since is kept and the caller is told who (as for a save).
   */
  async discardDraft(slug: string, revision?: number): Promise<void> {
    if (await this.drafts.delete(slug, undefined, revision)) return;
    throw revision === undefined ? notFound('Draft') : await this.staleOrMissing(slug, revision);
  }

  /** Replaces the content if `revision` is still the latest; otherwise says who saved in between. */
  async saveDraft(author: Author, slug: string, revision: number, content: DraftCourse): Promise<DraftResponse> {
    if (content.slug !== slug) throw new DomainError(ErrorCode.ValidationFailed, `the draft's slug is "${slug}"; a course is renamed by creating a new one`, { field: 'slug' });
    assertDraftWithinLimits(content);
    const saved = await this.drafts.save(slug, revision, content, author);
    if (!saved) throw await this.staleOrMissing(slug, revision);
    return this.toResponse(saved);
  }

  /** Applies an edit to the latest content, refusing it if the editor's revision is stale. */
  async editDraft(author: Author, slug: string, revision: number, edit: (draft: DraftCourse) => void): Promise<DraftResponse> {
    const draft = await this.drafts.find(slug);
    if (!draft) throw notFound('Draft');
    if (draft.revision !== revision) throw this.stale(draft, revision);
    const content = structuredClone(draft.content);
    edit(content);
    return this.saveDraft(author, slug, revision, content);
  }

  /** The draft becomes the course's next immutable version; enrolled learners keep the one they have. */
  async publish(slug: string, revision: number, publisherId?: string): Promise<PublishResponse> {
    const bibliography = await this.bibliography();
    return inTransaction(this.db, async (manager) => {
      const draft = await this.drafts.lockForPublish(manager, slug);
      if (!draft) throw notFound('Draft');
      if (draft.revision !== revision) throw this.stale(draft, revision);
      const { source, problems } = validateDraft(draft.content, bibliography);
      if (!source) throw new DomainError(ErrorCode.ValidationFailed, `the draft has ${problems.length} problem(s) to fix before it can be published`, { problems });
      const outcome = await this.importer.importIn(manager, source, { publishedBy: publisherId });
      await this.drafts.delete(slug, manager);
      return { slug, version: outcome.version, changed: outcome.changed };
    });
  }

  async preview(markdown: string): Promise<{ html: string }> {
    return { html: renderLessonHtml(markdown, Object.fromEntries(await this.bibliography())) };
  }

  async diff(slug: string, from: number, to: number): Promise<CourseDiff> {
    const [a, b] = await Promise.all([this.drafts.versionSource(slug, from), this.drafts.versionSource(slug, to)]);
    if (!a || !b) throw notFound('Course version');
    return diffCourses(from, a.source, to, b.source);
  }

  async exportArchive(slug: string, version?: number): Promise<{ filename: string; body: Buffer }> {
    const v = await this.drafts.versionSource(slug, version);
    if (!v) throw notFound('Course version');
    return { filename: `${slug}-v${v.version}.zip`, body: await writeCourseArchive(v.source) };
  }

  async importArchive(body: Buffer, publisherId?: string): Promise<ArchiveImportResponse> {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'send the zip as the request body with Content-Type: application/zip');
    const files = await readCourseArchive(body);
    const { courses, problems } = readArchiveCatalog(files, await this.bibliography());
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, `the archive has ${problems.length} problem(s); nothing was imported`, { problems });
    if (courses.length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'the archive holds no course folder (<slug>/course.yaml)');
    for (const c of courses) assertDraftWithinLimits(draftFromSource(c));
    const outcomes = await inTransaction(this.db, async (manager) => {
      const out = [];
      for (const c of courses) out.push(await this.importer.importIn(manager, c, { publishedBy: publisherId }));
      return out;
    });
    return { courses: outcomes.map((o) => ({ slug: o.slug, version: o.version, changed: o.changed })) };
  }

  /** Adds GIFT questions to a quiz of the draft; what Themis cannot represent is listed, line by line. */
  async importGift(author: Author, slug: string, revision: number, quizSlug: string, text: string): Promise<GiftImportResponse> {
    let result: ReturnType<typeof giftToDraftQuestions> | undefined;
    const draft = await this.editDraft(author, slug, revision, (content) => {
      const { quiz } = findQuiz(content, quizSlug);
      result = giftToDraftQuestions(text, quiz.questions.map((q) => q.id));
      quiz.questions.push(...result.questions.map(({ category: _c, ...q }) => q));
    });
    return {
      draft,
      imported: result!.questions.map((q) => ({ id: q.id, type: q.type, category: q.category })),
      notImported: result!.problems,
    };
  }

  async exportGift(slug: string, quizSlug: string, version?: number): Promise<string> {
    return writeGift(`${slug}/${quizSlug}`, (await this.publishedQuiz(slug, quizSlug, version)).questions);
  }

  /** The quiz as it stands in the open draft, so a quiz not yet published exports too. */
  async exportDraftGift(slug: string, quizSlug: string): Promise<{ revision: number; gift: string }> {
    const { revision, quiz } = await this.draftQuiz(slug, quizSlug);
    return { revision, gift: writeGift(`${slug}/${quizSlug}`, quiz.questions) };
  }

  /** Adds Moodle XML questions to a quiz of the draft; what Themis cannot represent is listed by question number and name. */
  async importMoodleXml(author: Author, slug: string, revision: number, quizSlug: string, xml: string): Promise<MoodleXmlImportResponse> {
    let result: ReturnType<typeof moodleXmlToDraftQuestions> | undefined;
    const draft = await this.editDraft(author, slug, revision, (content) => {
      const { quiz } = findQuiz(content, quizSlug);
      result = moodleXmlToDraftQuestions(xml, quiz.questions.map((q) => q.id));
      quiz.questions.push(...result.questions.map(({ category: _c, ...q }) => q));
    });
    return {
      draft,
      imported: result!.questions.map((q) => ({ id: q.id, type: q.type, category: q.category })),
      notImported: result!.problems,
      changed: result!.changed,
    };
  }

  async exportMoodleXml(slug: string, quizSlug: string, version?: number): Promise<string> {
    return writeMoodleXml(`${slug}/${quizSlug}`, (await this.publishedQuiz(slug, quizSlug, version)).questions);
  }

  async exportDraftMoodleXml(slug: string, quizSlug: string): Promise<{ revision: number; xml: string }> {
    const { revision, quiz } = await this.draftQuiz(slug, quizSlug);
    return { revision, xml: writeMoodleXml(`${slug}/${quizSlug}`, quiz.questions) };
  }

  /** A quiz of a published version (the current one without `version`), for the exports. */
  private async publishedQuiz(slug: string, quizSlug: string, version?: number) {
    const v = await this.drafts.versionSource(slug, version);
    const quiz = v?.source.modules.find((m) => m.quiz?.slug === quizSlug)?.quiz;
    if (!v || !quiz) throw notFound('Quiz');
    return quiz;
  }

  private async draftQuiz(slug: string, quizSlug: string) {
    const draft = await this.drafts.find(slug);
    if (!draft) throw notFound('Draft');
    return { revision: draft.revision, quiz: findQuiz(draft.content, quizSlug).quiz };
  }

  private async staleOrMissing(slug: string, revision: number): Promise<DomainError> {
    const current = await this.drafts.find(slug);
    return current ? this.stale(current, revision) : notFound('Draft');
  }

  private stale(current: CourseDraft, revision: number): DomainError {
    return new DomainError(
      ErrorCode.Conflict,
      `${current.updatedByName} saved this draft at ${iso(current.updatedAt)} (revision ${current.revision}) after the revision ${revision} you were editing; nothing of yours was saved. Reload the draft to see their changes, then make yours again.`,
      { currentRevision: current.revision, updatedByName: current.updatedByName, updatedAt: iso(current.updatedAt) },
    );
  }

  private async toResponse(d: CourseDraft): Promise<DraftResponse> {
    const { problems, warnings } = validateDraft(d.content, await this.bibliography());
    return { slug: d.courseSlug, baseVersion: d.baseVersion, revision: d.revision, updatedAt: iso(d.updatedAt), updatedByName: d.updatedByName, content: d.content, problems, warnings };
  }
}

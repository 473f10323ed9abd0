import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccreditationService } from '@themis/accreditation';
import { CatalogService, VersionContent } from '@themis/catalog';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { inTransaction } from '@themis/database';
import { CompletionRequirements, EnrollmentRepository, ProgressResponse, ProgressService } from '@themis/learning';
import type { OrganisationActor } from '@themis/organisations';
import { csvRows } from '@themis/assessment';
import { EvaluationRepository } from './evaluation.repository';
import { aggregate, checkAnswers, EvaluationProblem, FormItem, GivenAnswer, ItemResult, RATING_MAX, RATING_MIN } from './evaluation.rules';

export interface EvaluationFormResponse {
  courseSlug: string;
  title: string;
  language: string;
  /** The certificate waits for it. */
  required: boolean;
  submitted: boolean;
  scale: { min: number; max: number };
  items: FormItem[];
}

export interface EvaluationResultsResponse {
  courseSlug: string;
  versions: {
    version: number;
    title: string;
    /** Learners who submitted; `responses` of them are released, `pooled` wait for a batch (anonymity). */
    submitted: number;
    responses: number;
    pooled: number;
    items: ItemResult[];
  }[];
}

/** The end-of-course evaluation (issue 21): the form, one submission per learner and version, anonymous results. */
@Injectable()
export class EvaluationService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly progress: ProgressService,
    private readonly enrollments: EnrollmentRepository,
    private readonly requirements: CompletionRequirements,
    private readonly repo: EvaluationRepository,
    private readonly accreditation: AccreditationService,
  ) {}

  onModuleInit(): void {
    this.requirements.register({
      name: 'evaluation',
      applies: (version) => version.evaluationRequired,
      met: (manager, enrollment) => this.repo.hasSubmitted(enrollment.userId, enrollment.versionId, manager),
    });
  }

  /** The form of the learner's version, in `lang`, else the enrolment's language, else the course's. */
  async form(userId: string, courseSlug: string, lang?: string): Promise<EvaluationFormResponse> {
    const enrollment = await this.progress.requireEnrollment(userId, courseSlug);
    const version = await this.catalog.versionContent(enrollment.versionId);
    const submitted = await this.repo.hasSubmitted(userId, version.id);
    return { courseSlug, ...formIn(version, lang ?? enrollment.language ?? undefined), required: version.evaluationRequired, submitted, scale: { min: RATING_MIN, max: RATING_MAX } };
  }

  /** Once per learner and version, after every lesson; completes the course when it was all that was left. */
  submit(userId: string, courseSlug: string, answers: GivenAnswer[]): Promise<{ submitted: true; progress: ProgressResponse }> {
    return inTransaction(this.db, async (manager) => {
      const enrollment = await this.progress.requireLocked(manager, userId, courseSlug);
      const version = await this.catalog.versionContent(enrollment.versionId);
      if (!version.evaluation) throw notFound('Evaluation form');
      const left = await this.enrollments.incompleteLessons(manager, enrollment.id, version.lessonIds);
      if (left.length > 0) {
        const lessons = version.modules.flatMap((m) => m.lessons).filter((l) => left.includes(l.id)).map((l) => ({ slug: l.slug, title: l.title }));
        throw new DomainError(ErrorCode.LessonsFirst, `Complete every lesson before the course evaluation: ${lessons.map((l) => l.slug).join(', ')}`, { lessonsLeft: lessons });
      }
      let checked;
      try {
        checked = checkAnswers(version.evaluation.items, answers);
      } catch (e) {
        if (e instanceof EvaluationProblem) throw new DomainError(ErrorCode.ValidationFailed, e.message, { field: e.field });
        throw e;
      }
      if (!(await this.repo.submit(manager, userId, version.id, checked))) throw new DomainError(ErrorCode.Conflict, 'You have already submitted the evaluation of this course');
      return { submitted: true as const, progress: await this.progress.recheck(manager, userId, enrollment.id) };
    });
  }

  /** For trainers and admins: every version of the course that has submissions. */
  async results(courseSlug: string): Promise<EvaluationResultsResponse> {
    return this.resultsOf(courseSlug, await this.repo.versionsWithSubmissions());
  }

  /** For an organisation's accreditors: the versions of the course it accredits. */
  async resultsFor(actor: OrganisationActor, courseSlug: string): Promise<EvaluationResultsResponse> {
    return this.resultsOf(courseSlug, (await this.accreditation.list(actor)).map((a) => a.courseVersionId));
  }

  /** One row per rating item (its count, mean and distribution) and one per free text given. */
  async csv(results: EvaluationResultsResponse): Promise<{ filename: string; body: string }> {
    const rows: unknown[][] = [['version', 'itemId', 'type', 'item', 'responses', 'mean', ...Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, k) => `rated${k + RATING_MIN}`), 'text']];
    for (const v of results.versions) {
      for (const item of v.items) {
        if (item.type === 'rating') rows.push([v.version, item.itemId, item.type, item.text, item.count, item.mean ?? '', ...(item.distribution ?? []), '']);
        else for (const text of item.texts ?? []) rows.push([v.version, item.itemId, item.type, item.text, '', '', ...Array(RATING_MAX - RATING_MIN + 1).fill(''), text]);
      }
    }
    return { filename: `${results.courseSlug}-evaluation.csv`, body: csvRows(rows) };
  }

  private async resultsOf(courseSlug: string, versionIds: string[]): Promise<EvaluationResultsResponse> {
    const versions = (await Promise.all([...new Set(versionIds)].map((id) => this.catalog.versionContent(id).catch(() => null))))
      .filter((v): v is VersionContent => !!v && v.slug === courseSlug && !!v.evaluation)
      .sort((a, b) => b.version - a.version);
    if (versionIds.length > 0 && versions.length === 0 && !(await this.catalog.currentVersionId(courseSlug))) throw notFound('Course');
    return {
      courseSlug,
      versions: await Promise.all(
        versions.map(async (v) => {
          const [responses, counts] = await Promise.all([this.repo.responses([v.id]), this.repo.counts([v.id])]);
          return { version: v.version, title: v.evaluation!.title, submitted: counts.submitted, responses: responses.length, pooled: counts.pooled, items: aggregate(v.evaluation!.items, responses.map((r) => r.answers)) };
        }),
      ),
    };
  }
}

/** The form's texts in `lang` where translated (item by item), else the source's. */
export function formIn(version: VersionContent, lang?: string): { title: string; language: string; items: FormItem[] } {
  const form = version.evaluation;
  if (!form) throw notFound('Evaluation form');
  const t = lang && lang !== version.language ? form.translations[lang] : undefined;
  return {
    title: t?.title ?? form.title,
    language: t ? lang! : version.language,
    items: form.items.map((i) => ({ id: i.id, type: i.type, text: t?.items[i.id] ?? i.text })),
  };
}

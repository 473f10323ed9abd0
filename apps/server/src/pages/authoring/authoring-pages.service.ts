import { Injectable } from '@nestjs/common';
import { ReportService } from '@themis/assessment';
import { applyLessonUpdate, AuthoringService, Author, DraftResponse, findLesson, removeLesson, translationLanguages, translationOverview } from '@themis/catalog';
import { DomainError, ErrorCode } from '@themis/core';
import type { Message } from '../../web/i18n';
import type { PageResult } from '../../web/page-result';
import { revisionOf } from './draft-forms';
import { conflictMessage, deletedLink, problemMessage } from './page-messages';

type Form = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

/** The editor and report pages: the same services as the authoring API, shown as forms and tables. */
@Injectable()
export class AuthoringPagesService {
  constructor(private readonly authoring: AuthoringService, private readonly reports: ReportService) {}

  /** A page that names no lesson changes nothing: a draft started for it is discarded again (revision-checked, so a save made meanwhile keeps it). */
  private async lessonOrUndo(draft: DraftResponse, created: boolean, lessonSlug: string): Promise<ReturnType<typeof findLesson>> {
    try {
      return findLesson(draft.content, lessonSlug);
    } catch (err) {
      if (created) await this.authoring.discardDraft(draft.slug, draft.revision).catch(() => undefined);
      throw err;
    }
  }

  async lessonEditor(author: Author, slug: string, lessonSlug: string, overrides?: { form?: Form; message?: string | Message; status?: number }): Promise<PageResult> {
    const { created, draft } = await this.authoring.openDraft(author, slug);
    const { lesson, module } = await this.lessonOrUndo(draft, created, lessonSlug);
    const form = overrides?.form;
    const markdown = str(form?.['markdown']) ?? lesson.markdown;
    const title = str(form?.['title']) ?? lesson.title;
    const cases = form ? list(form['cases']) : lesson.cases;
    const mi = draft.content.modules.indexOf(module);
    const li = module.lessons.indexOf(lesson);
    const prefix = `modules.${mi}.lessons.${li}.`;
    const errors = Object.fromEntries(draft.problems.filter((p) => p.field.startsWith(prefix)).map((p) => [p.field.slice(prefix.length).split('.')[0], problemMessage(p)]));
    const bibliography = (await this.authoring.bibliographyList()).map((c) => ({ key: c.key, name: c.name, selected: cases.includes(c.key) }));
    return {
      view: 'pages/authoring/lesson-editor',
      status: overrides?.status ?? 200,
      data: {
        slug, lessonSlug, moduleSlug: module.slug, storedTitle: lesson.title, revision: str(form?.['revision']) ?? String(draft.revision), baseVersion: draft.baseVersion,
        updatedByName: draft.updatedByName, updatedAt: draft.updatedAt, title, minutes: lesson.minutes ?? '', markdown,
        preview: (await this.authoring.preview(markdown)).html, bibliography, errors, message: overrides?.message,
        otherProblems: draft.problems.filter((p) => !p.field.startsWith(prefix)).length,
        translations: translationLanguages(draft.content).map((lang) => ({ lang, state: translationOverview(draft.content, lang).lessons.find((l) => l.slug === lessonSlug)!.state })),
      },
    };
  }

  /** Save, or with action=preview re-render with the posted text (the no-script preview). */
  async postLesson(author: Author, slug: string, lessonSlug: string, form: Form): Promise<PageResult> {
    if (form['action'] === 'preview') return this.lessonEditor(author, slug, lessonSlug, { form });
    try {
      await this.saveLesson(author, slug, lessonSlug, form);
      return { redirect: `/staff/authoring/${slug}/lessons/${lessonSlug}?saved=1` };
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.Conflict) return this.lessonEditor(author, slug, lessonSlug, { form, message: conflictMessage(err), status: 409 });
      throw err;
    }
  }

  /** Deletes the lesson from the draft and goes back to its module; a stale form deletes nothing. */
  async deleteLesson(author: Author, slug: string, lessonSlug: string, form: Form): Promise<PageResult> {
    let moduleSlug = '';
    try {
      await this.authoring.editDraft(author, slug, revisionOf(form), (d) => {
        moduleSlug = findLesson(d, lessonSlug).module.slug;
        removeLesson(d, lessonSlug);
      });
      return { redirect: `/staff/authoring/${slug}/modules/${moduleSlug}?${deletedLink('lesson', lessonSlug)}` };
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.Conflict) return this.lessonEditor(author, slug, lessonSlug, { message: conflictMessage(err, 'delete'), status: 409 });
      throw err;
    }
  }

  /** Autosave from the editor script: the new revision, or the domain error (409 when stale). */
  async saveLesson(author: Author, slug: string, lessonSlug: string, form: Form): Promise<{ revision: number; problems: DraftResponse['problems'] }> {
    const minutes = str(form['minutes']);
    const draft = await this.authoring.editDraft(author, slug, revisionOf(form), (d) =>
      applyLessonUpdate(d, lessonSlug, {
        title: str(form['title']), markdown: str(form['markdown']), cases: list(form['cases']),
        minutes: minutes === undefined || minutes === '' ? null : Number(minutes),
      }),
    );
    return { revision: draft.revision, problems: draft.problems };
  }

  reportCsv(slug: string, version?: number): Promise<{ filename: string; body: string }> {
    return this.reports.courseReportCsv(slug, version);
  }

  async report(slug: string, version?: number): Promise<object> {
    const report = await this.reports.courseReport(slug, version);
    return {
      ...report,
      completionPercent: report.completionRate === null ? null : Math.round(report.completionRate * 100),
      medianHours: report.medianSecondsToComplete === null ? null : Math.round((report.medianSecondsToComplete / 3600) * 10) / 10,
      quizzes: report.quizzes.map((q) => {
        const max = Math.max(1, ...q.scoreDistribution.map((b) => b.attempts));
        const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 100));
        return { ...q, passPercent: percent(q.passRate), learnerPassPercent: percent(q.learnerPassRate), bands: q.scoreDistribution.map((b) => ({ ...b, width: Math.round((b.attempts / max) * 100) })) };
      }),
      lessons: report.lessons.map((l) => ({ ...l, medianMinutes: l.medianSecondsOnTask === null ? null : Math.round(l.medianSecondsOnTask / 6) / 10 })),
    };
  }
}

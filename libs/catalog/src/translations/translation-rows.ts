import type { CourseSource } from '../format/course-source';
import type { ContentLanguage } from '../format/translation-source';
import { renderCitationsAsText, renderLessonHtml } from '../render/lesson-renderer';
import type { ContentTranslation } from './content-translation.entity';

/** What a stored lesson translation holds. */
export interface LessonTranslationContent {
  title: string;
  contentNote?: string;
  html: string;
}

/** What a stored quiz translation holds: texts by question key, options in the source's order. */
export interface QuizTranslationContent {
  title?: string;
  questions: Record<string, { prompt: string; explanation: string; options: string[] }>;
}

/** The rows of content_translations for one version: each translated piece, rendered once as the source is. */
export function translationRows(versionId: string, source: CourseSource): ContentTranslation[] {
  const rows: ContentTranslation[] = [];
  const add = (language: string, kind: ContentTranslation['kind'], key: string, content: object) => rows.push({ versionId, language, kind, key, content: content as Record<string, unknown> });
  for (const [language, t] of Object.entries(source.translations ?? {}) as [ContentLanguage, NonNullable<CourseSource['translations']>[ContentLanguage]][]) {
    if (!t) continue;
    if (t.title && t.summary) add(language, 'course', '', { title: t.title, summary: t.summary });
    for (const [slug, m] of Object.entries(t.modules)) add(language, 'module', slug, m);
    for (const [slug, l] of Object.entries(t.lessons)) {
      const content: LessonTranslationContent = { title: l.title, ...(l.contentNote ? { contentNote: l.contentNote } : {}), html: renderLessonHtml(l.markdown, source.bibliography, language) };
      add(language, 'lesson', slug, content);
    }
    for (const [slug, q] of Object.entries(t.quizzes)) {
      const questions = Object.fromEntries(
        Object.entries(q.questions).map(([key, x]) => [key, { prompt: renderCitationsAsText(x.prompt, source.bibliography), explanation: renderCitationsAsText(x.explanation, source.bibliography), options: x.options }]),
      );
      const content: QuizTranslationContent = { ...(q.title ? { title: q.title } : {}), questions };
      add(language, 'quiz', slug, content);
    }
  }
  return rows;
}

export const courseLanguages = (source: CourseSource): string[] => [...new Set([source.language, ...Object.keys(source.translations ?? {})])].sort();

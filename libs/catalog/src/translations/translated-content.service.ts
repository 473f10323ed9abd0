import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CatalogService } from '../courses/catalog.service';
import { CourseDetailResponse, LessonResponse, QuizContent } from '../courses/catalog.types';
import { contentLanguage, translateCourseDetail, translateLesson, translateQuiz } from './translated-content';
import { QuizTranslationContent } from './translation-rows';
import { TranslationRepository } from './translation.repository';

/** What decides the content language: `?lang=`, the enrolment's choice, the interface language. */
export interface LanguageWish {
  requested?: string | null;
  enrolment?: string | null;
  interface?: string | null;
}

/** The catalogue's content in the learner's language: the source's structure with the translated texts laid over it. */
@Injectable()
export class TranslatedContentService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly translations: TranslationRepository,
  ) {}

  async served(versionId: string, wish: LanguageWish, manager?: EntityManager): Promise<{ lang: string; source: string; languages: string[] }> {
    const { source, languages } = await this.translations.languages(versionId, manager);
    return { lang: contentLanguage({ ...wish, source, available: languages }), source, languages };
  }

  async courseDetail(versionId: string, wish: LanguageWish, manager?: EntityManager): Promise<CourseDetailResponse> {
    const [detail, { lang, languages }] = await Promise.all([this.catalog.courseDetail(versionId), this.served(versionId, wish, manager)]);
    const pieces = lang === detail.language ? new Map() : await this.translations.pieces(versionId, lang, ['course', 'module', 'lesson', 'quiz'], undefined, manager);
    return translateCourseDetail(detail, lang, languages, pieces);
  }

  async lesson(versionId: string, lessonSlug: string, wish: LanguageWish): Promise<LessonResponse> {
    const [lesson, { lang, source }] = await Promise.all([this.catalog.lesson(versionId, lessonSlug), this.served(versionId, wish)]);
    const pieces = lang === source ? new Map() : await this.translations.pieces(versionId, lang, ['lesson'], lessonSlug);
    return translateLesson(lesson, lang, source, pieces);
  }

  async quiz(quiz: QuizContent, wish: LanguageWish, manager?: EntityManager): Promise<QuizContent> {
    const { lang, source } = await this.served(quiz.versionId, wish, manager);
    const t = lang === source ? undefined : ((await this.translations.quiz(quiz.versionId, lang, quiz.slug, manager)) as QuizTranslationContent | undefined);
    return translateQuiz(quiz, lang, source, t);
  }

  /** The course's title in `lang` when the version (or a later translation-only version) has it; the source title otherwise. */
  async courseTitle(versionId: string, lang: string, manager?: EntityManager): Promise<{ title: string; language: string }> {
    const detail = await this.courseDetail(versionId, { requested: lang }, manager);
    return { title: detail.title, language: detail.titleLanguage ?? detail.language };
  }

}

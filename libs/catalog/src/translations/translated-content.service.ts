import { Injectable } from '@nestjs/common';
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

  async served(versionId: string, wish: LanguageWish): Promise<{ lang: string; source: string; languages: string[] }> {
    const { source, languages } = await this.translations.languages(versionId);
    return { lang: contentLanguage({ ...wish, source, available: languages }), source, languages };
  }

  async courseDetail(versionId: string, wish: LanguageWish): Promise<CourseDetailResponse> {
    const [detail, { lang, languages }] = await Promise.all([this.catalog.courseDetail(versionId), this.served(versionId, wish)]);
    const pieces = lang === detail.language ? new Map() : await this.translations.pieces(versionId, lang, ['course', 'module', 'lesson', 'quiz']);
    return translateCourseDetail(detail, lang, languages, pieces);
  }

  async lesson(versionId: string, lessonSlug: string, wish: LanguageWish): Promise<LessonResponse> {
    const [lesson, { lang, source }] = await Promise.all([this.catalog.lesson(versionId, lessonSlug), this.served(versionId, wish)]);
    const pieces = lang === source ? new Map() : await this.translations.pieces(versionId, lang, ['lesson'], lessonSlug);
    return translateLesson(lesson, lang, source, pieces);
  }

  async quiz(quiz: QuizContent, wish: LanguageWish): Promise<QuizContent> {
    const { lang, source } = await this.served(quiz.versionId, wish);
    const t = lang === source ? undefined : ((await this.translations.quiz(quiz.versionId, lang, quiz.slug)) as QuizTranslationContent | undefined);
    return translateQuiz(quiz, lang, source, t);
  }

  /** The course's title in `lang` when the version (or a later translation-only version) has it; the source title otherwise. */
  async courseTitle(versionId: string, lang: string): Promise<{ title: string; language: string }> {
    const detail = await this.courseDetail(versionId, { requested: lang });
    return { title: detail.title, language: detail.titleLanguage ?? detail.language };
  }

}

import type { ContentLanguage } from '../format/translation-source';
import type { CourseDetailResponse, LessonResponse, QuizContent } from '../courses/catalog.types';
import type { LessonTranslationContent, QuizTranslationContent } from './translation-rows';

/** The labels of a true_false question's two options, in the language they are shown in. */
export const TRUE_FALSE_LABELS: Record<string, [string, string]> = {
  en: ['True', 'False'],
  az: ['Doğru', 'Yanlış'],
  ru: ['Верно', 'Неверно'],
};

/**
 * The content language to serve (contract, "Certificates in the holder's language"): the one
 * asked for, else the enrolment's, else the interface language; served only if the course has
 * it, otherwise the course's source language.
 */
export function contentLanguage(o: { requested?: string | null; enrolment?: string | null; interface?: string | null; source: string; available: string[] }): string {
  const wanted = o.requested ?? o.enrolment ?? o.interface ?? o.source;
  return o.available.includes(wanted) ? wanted : o.source;
}

export type Pieces = Map<string, Record<string, unknown>>;
export const pieceKey = (kind: string, key: string) => `${kind}:${key}`;

/** The course page's texts in `lang`, piece by piece; an untranslated title keeps the source's language, and says so. */
export function translateCourseDetail(d: CourseDetailResponse, lang: string, languages: string[], pieces: Pieces): CourseDetailResponse {
  const course = pieces.get(pieceKey('course', '')) as { title: string; summary: string } | undefined;
  const source = d.language;
  return {
    ...d,
    ...(course ? { title: course.title, summary: course.summary } : {}),
    language: lang,
    sourceLanguage: source,
    languages,
    titleLanguage: course ? lang : source,
    modules: d.modules.map((m) => {
      const mt = pieces.get(pieceKey('module', m.slug)) as { title: string; summary?: string; outcomes: string[] } | undefined;
      const qt = m.quiz ? (pieces.get(pieceKey('quiz', m.quiz.slug)) as QuizTranslationContent | undefined) : undefined;
      return {
        ...m,
        ...(mt ? { title: mt.title, summary: mt.summary ?? m.summary, outcomes: mt.outcomes } : {}),
        language: mt ? lang : source,
        lessons: m.lessons.map((l) => {
          const lt = pieces.get(pieceKey('lesson', l.slug)) as LessonTranslationContent | undefined;
          return { ...l, ...(lt ? { title: lt.title } : {}), language: lt ? lang : source };
        }),
        quiz: m.quiz ? { ...m.quiz, ...(qt?.title ? { title: qt.title } : {}), language: qt?.title ? lang : source } : null,
      };
    }),
  };
}

/** A lesson in `lang` when translated; otherwise the source, marked as a fallback. Neighbours' titles too. */
export function translateLesson(l: LessonResponse, lang: string, sourceLanguage: string, pieces: Pieces): LessonResponse {
  const t = pieces.get(pieceKey('lesson', l.slug)) as LessonTranslationContent | undefined;
  const link = (n: LessonResponse['previous']) => {
    const nt = n && (pieces.get(pieceKey('lesson', n.slug)) as LessonTranslationContent | undefined);
    return n ? { ...n, ...(nt ? { title: nt.title } : {}), language: nt ? lang : sourceLanguage } : null;
  };
  return {
    ...l,
    ...(t ? { title: t.title, contentNote: t.contentNote ?? l.contentNote, html: t.html } : {}),
    language: t ? lang : sourceLanguage,
    languageFallback: lang !== sourceLanguage && !t,
    previous: link(l.previous),
    next: link(l.next),
  };
}

/** The quiz's texts in `lang`, by question key and option position; ids, types and `correct` are the source's, untouched. */
export function translateQuiz(q: QuizContent, lang: ContentLanguage | string, sourceLanguage: string, t: QuizTranslationContent | undefined): QuizContent {
  if (lang === sourceLanguage) return { ...q, language: lang };
  const labels = TRUE_FALSE_LABELS[lang];
  return {
    ...q,
    ...(t?.title ? { title: t.title } : {}),
    language: t ? lang : sourceLanguage,
    questions: q.questions.map((question) => {
      const x = t?.questions[question.key];
      if (question.type === 'true_false' && labels) {
        return { ...question, ...(x ? { prompt: x.prompt, explanation: x.explanation } : {}), options: question.options.map((o, i) => ({ ...o, text: labels[i] ?? o.text })) };
      }
      if (!x || x.options.length !== question.options.length) return question;
      return { ...question, prompt: x.prompt, explanation: x.explanation, options: question.options.map((o, i) => ({ ...o, text: x.options[i]! })) };
    }),
  };
}

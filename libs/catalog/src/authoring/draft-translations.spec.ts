import type { DraftCourse } from './course-files';
import { applyCourseTranslation, applyLessonTranslation, applyQuizTranslation, requireTranslationLanguage, translationLanguages, translationOverview } from './draft-translations';

const draft = (): DraftCourse => ({
  slug: 'c',
  title: 'Access to a lawyer',
  summary: 'From the first questioning.',
  language: 'en',
  audience: ['defense_attorney'],
  cleHours: { total: 1 } as unknown as DraftCourse['cleHours'],
  published: true,
  modules: [
    {
      slug: 'm',
      title: 'Module',
      outcomes: ['One'],
      lessons: [{ slug: 'l', title: 'Lesson', markdown: 'Text.\n', cases: [] } as unknown as DraftCourse['modules'][number]['lessons'][number]],
      quiz: {
        slug: 'q',
        title: 'Quiz',
        passMark: 0.5,
        maxAttempts: 3,
        questions: [{ id: 'q1', type: 'single', prompt: 'Which?', explanation: 'Because.', options: [{ text: 'A', correct: true }, { text: 'B', correct: false }] }],
      },
    },
  ],
});

describe('draft translations', () => {
  it('offers every content language but the source one, and refuses the rest', () => {
    expect(translationLanguages({ language: 'az' })).toEqual(['ru', 'en']);
    expect(() => requireTranslationLanguage({ language: 'en' }, 'en')).toThrow();
    expect(() => requireTranslationLanguage({ language: 'en' }, 'de')).toThrow();
    expect(requireTranslationLanguage({ language: 'en' }, 'ru')).toBe('ru');
  });

  it('counts every piece missing before anything is translated', () => {
    const o = translationOverview(draft(), 'az');
    expect(o.offered).toBe(false);
    expect(o.counts).toEqual({ current: 0, stale: 0, missing: 5 });
  });

  it('marks a piece current when translated, and stale once its source changes', () => {
    const d = draft();
    applyCourseTranslation(d, 'az', { title: 'Vəkilə çıxış', summary: 'İlk dindirmədən.' });
    applyLessonTranslation(d, 'az', 'l', { title: 'Dərs', markdown: 'Mətn.' });
    applyQuizTranslation(d, 'az', 'q', { title: 'Test', questions: { q1: { prompt: 'Hansı?', explanation: 'Çünki.', options: ['A', 'B'] } } });
    let o = translationOverview(d, 'az');
    expect(o.offered).toBe(true);
    expect(o.course).toBe('current');
    expect(o.lessons[0]!.state).toBe('current');
    expect(o.quizzes[0]!.questions[0]!.state).toBe('current');
    expect(o.counts).toEqual({ current: 4, stale: 0, missing: 1 });
    d.modules[0]!.lessons[0]!.markdown = 'Changed text.\n';
    d.modules[0]!.quiz!.questions[0]!.options[1]!.text = 'C';
    o = translationOverview(d, 'az');
    expect(o.lessons[0]!.state).toBe('stale');
    expect(o.quizzes[0]!.questions[0]!.state).toBe('stale');
    expect(o.quizzes[0]!.state).toBe('current');
  });

  it('keeps the key out of a translation: only texts, as many options as the source', () => {
    const d = draft();
    expect(() => applyQuizTranslation(d, 'ru', 'q', { questions: { q1: { prompt: 'Какой?', explanation: 'Потому что.', options: ['A'] } } })).toThrow(/every option/);
    expect(() => applyQuizTranslation(d, 'ru', 'q', { questions: { nope: { prompt: 'x', explanation: 'y', options: [] } } })).toThrow(/not in the quiz/);
    applyQuizTranslation(d, 'ru', 'q', { questions: { q1: { prompt: 'Какой?', explanation: 'Потому что.', options: ['А', 'Б'] } } });
    expect(Object.keys(d.translations!.ru!.quizzes['q']!.questions['q1']!).sort()).toEqual(['explanation', 'options', 'prompt', 'sourceHash']);
    expect(d.modules[0]!.quiz!.questions[0]!.options[0]!.correct).toBe(true);
  });
});

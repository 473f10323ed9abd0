import type { DraftCourse } from '@themis/catalog';
import { problemPlace, readCourseMeta, readModule, readQuiz } from './draft-forms';

const course = (): DraftCourse => ({
  slug: 'c', title: 'C', summary: 'S', language: 'en', audience: ['judge'], cleHours: { ethics: 1 }, published: true,
  modules: [{
    slug: 'm', title: 'M', outcomes: [], lessons: [{ slug: 'l1', title: 'L1', cases: [], markdown: '' }, { slug: 'l2', title: 'L2', cases: [], markdown: '' }],
    quiz: { slug: 'm-quiz', title: 'Q', passMark: 70, maxAttempts: 3, questions: [{ id: 'q1', type: 'single', prompt: 'P', explanation: 'E', options: [{ text: 'a', correct: true }, { text: 'b', correct: false }] }] },
  }],
});

describe('editor forms', () => {
  it('reads course metadata, dropping empty hours and clearing empty optional numbers', () => {
    const d = course();
    d.validityMonths = 24;
    const { errors, apply } = readCourseMeta({ title: 'New', summary: 'Sum', language: 'az', audience: ['judge', 'prosecutor', 'nobody'], 'cle.ethics': '0,5', 'cle.skills': '', validityMonths: '', minLessonSeconds: '60' });
    expect(errors).toEqual({});
    apply(d);
    expect(d).toMatchObject({ title: 'New', language: 'az', audience: ['judge', 'prosecutor'], cleHours: { ethics: 0.5 }, minLessonSeconds: 60, published: false });
    expect(d.validityMonths).toBeUndefined();
  });

  it('refuses a bad number next to its field', () => {
    expect(readCourseMeta({ title: 'x', language: 'en', 'cle.ethics': 'two', validityMonths: '-3' }).errors).toEqual({ 'cle-ethics': 'authoring.error.hours', validityMonths: 'authoring.error.wholeNumber' });
  });

  it('reorders lessons and adds a lesson and a quiz from the module form', () => {
    const d = course();
    delete d.modules[0]!.quiz;
    const { errors, apply } = readModule({ title: 'M2', outcomes: 'One\n\n two ', 'order.l1': '2', 'order.l2': '1', lessonSlug: 'l3', lessonTitle: 'Three', quizTitle: 'Check' }, d, d.modules[0]!);
    expect(errors).toEqual({});
    apply(d);
    expect(d.modules[0]!.lessons.map((l) => l.slug)).toEqual(['l2', 'l1', 'l3']);
    expect(d.modules[0]!.outcomes).toEqual(['One', 'two']);
    expect(d.modules[0]!.quiz).toMatchObject({ slug: 'm-quiz', title: 'Check' });
    expect(readModule({ lessonSlug: 'l1', lessonTitle: 'Again' }, d, d.modules[0]!).errors).toEqual({ 'lesson-slug': 'authoring.error.taken' });
  });

  it('edits, removes and adds quiz questions; options keep their correct flags and blanks are dropped', () => {
    const d = course();
    const quiz = d.modules[0]!.quiz!;
    const { errors, apply } = readQuiz({
      title: 'Q2', passMark: '80', maxAttempts: '2', timeLimitMinutes: '',
      'q.0.type': 'multiple', 'q.0.prompt': 'P2', 'q.0.explanation': 'E2', 'q.0.o.0.text': 'a', 'q.0.o.0.correct': 'on', 'q.0.o.1.text': 'b', 'q.0.o.1.correct': 'on', 'q.0.o.2.text': '  ',
      'q.1.type': 'true_false', 'q.1.prompt': 'Is it?', 'q.1.answer': 'false', 'q.1.explanation': 'No.',
    }, quiz);
    expect(errors).toEqual({});
    apply(d);
    expect(d.modules[0]!.quiz).toMatchObject({ title: 'Q2', passMark: 80, maxAttempts: 2 });
    expect(d.modules[0]!.quiz!.questions).toEqual([
      { id: 'q1', type: 'multiple', prompt: 'P2', explanation: 'E2', options: [{ text: 'a', correct: true }, { text: 'b', correct: true }] },
      { id: 'is-it', type: 'true_false', prompt: 'Is it?', explanation: 'No.', options: [], answer: false },
    ]);
    const removed = readQuiz({ passMark: '80', maxAttempts: '2', 'q.0.remove': 'on', 'q.0.type': 'single', 'q.0.prompt': 'P', 'q.1.type': 'true_false', 'q.1.prompt': 'Is it?', 'q.1.answer': 'false' }, d.modules[0]!.quiz!);
    expect(removed.errors).toEqual({});
    removed.apply(d);
    expect(d.modules[0]!.quiz!.questions.map((q) => q.id)).toEqual(['is-it']);
  });

  it('places a validator problem on the page and input where it is fixed', () => {
    const d = course();
    expect(problemPlace('c', d, 'cleHours')).toEqual({ href: '/staff/authoring/c#cle-ethics', inputId: 'cle-ethics' });
    expect(problemPlace('c', d, 'modules.0.lessons.1.title').href).toBe('/staff/authoring/c/lessons/l2');
    expect(problemPlace('c', d, 'modules.0.quiz.questions.0.options.1.text').href).toBe('/staff/authoring/c/quizzes/m-quiz#q-0-o-1-text');
    expect(problemPlace('c', d, 'modules.0.outcomes').href).toBe('/staff/authoring/c/modules/m#outcomes');
  });
});

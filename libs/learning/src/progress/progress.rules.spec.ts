import { isComplete, progressPercent, progressStatus } from './progress.rules';

describe('progress rules', () => {
  const none = { completedLessons: 0, totalLessons: 4, quizzesPassed: 0, totalQuizzes: 2 };

  it('reads not_started and 0% before anything is done', () => {
    expect(progressStatus(none)).toBe('not_started');
    expect(progressPercent(none)).toBe(0);
  });

  it('counts lessons and quizzes alike towards the percentage', () => {
    expect(progressPercent({ ...none, completedLessons: 3 })).toBe(50);
    expect(progressStatus({ ...none, completedLessons: 1 })).toBe('in_progress');
  });

  it('never shows 100% until the last item is done', () => {
    const almost = { completedLessons: 199, totalLessons: 200, quizzesPassed: 1, totalQuizzes: 1 };
    expect(progressPercent(almost)).toBe(99);
    expect(isComplete(almost)).toBe(false);
  });

  it('is complete only when every lesson is complete and every quiz passed', () => {
    expect(isComplete({ completedLessons: 4, totalLessons: 4, quizzesPassed: 1, totalQuizzes: 2 })).toBe(false);
    const all = { completedLessons: 4, totalLessons: 4, quizzesPassed: 2, totalQuizzes: 2 };
    expect(isComplete(all)).toBe(true);
    expect(progressStatus(all)).toBe('completed');
    expect(progressPercent(all)).toBe(100);
  });

  it('waits for the requirements the course declares, at 99%', () => {
    const all = { completedLessons: 4, totalLessons: 4, quizzesPassed: 2, totalQuizzes: 2 };
    expect(isComplete({ ...all, requirementsLeft: 1 })).toBe(false);
    expect(progressPercent({ ...all, requirementsLeft: 1 })).toBe(99);
    expect(progressStatus({ ...all, requirementsLeft: 1 })).toBe('in_progress');
    expect(isComplete({ ...all, requirementsLeft: 0 })).toBe(true);
  });

  it('treats an empty course as never complete', () => {
    expect(isComplete({ completedLessons: 0, totalLessons: 0, quizzesPassed: 0, totalQuizzes: 0 })).toBe(false);
  });

  it('reads in_progress once a quiz attempt was started', () => {
    expect(progressStatus(none, true)).toBe('in_progress');
  });
});

/** Pure progress rules: a course is complete when every lesson is complete and every quiz is passed. */
export type ProgressStatus = 'not_started' | 'in_progress' | 'completed';

export interface ProgressCounts {
  completedLessons: number;
  totalLessons: number;
  quizzesPassed: number;
  totalQuizzes: number;
}

export function isComplete(c: ProgressCounts): boolean {
  return c.completedLessons >= c.totalLessons && c.quizzesPassed >= c.totalQuizzes && c.totalLessons + c.totalQuizzes > 0;
}

export function progressPercent(c: ProgressCounts): number {
  const total = c.totalLessons + c.totalQuizzes;
  if (total === 0) return 0;
  // Floor, so that 100 is shown only when everything is done.
  return Math.floor((100 * (Math.min(c.completedLessons, c.totalLessons) + Math.min(c.quizzesPassed, c.totalQuizzes))) / total);
}

export function progressStatus(c: ProgressCounts, startedQuiz = false): ProgressStatus {
  if (isComplete(c)) return 'completed';
  return c.completedLessons + c.quizzesPassed > 0 || startedQuiz ? 'in_progress' : 'not_started';
}

/** Pure progress rules: a course is complete when every lesson is complete, every quiz is passed and every declared requirement is met. */
export type ProgressStatus = 'not_started' | 'in_progress' | 'completed';

export interface ProgressCounts {
  completedLessons: number;
  totalLessons: number;
  quizzesPassed: number;
  totalQuizzes: number;
  /** Requirements the course declares that are not met yet (an evaluation form, attendance codes). */
  requirementsLeft?: number;
}

export function isComplete(c: ProgressCounts): boolean {
  return !c.requirementsLeft && c.completedLessons >= c.totalLessons && c.quizzesPassed >= c.totalQuizzes && c.totalLessons + c.totalQuizzes > 0;
}

export function progressPercent(c: ProgressCounts): number {
  const total = c.totalLessons + c.totalQuizzes;
  if (total === 0) return 0;
  // Floor, so that 100 is shown only when everything is done; a requirement left keeps it at 99.
  const percent = Math.floor((100 * (Math.min(c.completedLessons, c.totalLessons) + Math.min(c.quizzesPassed, c.totalQuizzes))) / total);
  return percent === 100 && c.requirementsLeft ? 99 : percent;
}

export function progressStatus(c: ProgressCounts, startedQuiz = false): ProgressStatus {
  if (isComplete(c)) return 'completed';
  return c.completedLessons + c.quizzesPassed > 0 || startedQuiz ? 'in_progress' : 'not_started';
}

export interface LessonTimeRow {
  slug: string;
  title: string;
  completions: number;
  /** Time on task from first opening to completion, capped per lesson (LessonTimer). */
  medianSecondsOnTask: number | null;
  averageSecondsOnTask: number | null;
}

export interface QuestionRow {
  quiz: string;
  id: string;
  prompt: string;
  answered: number;
  /** Share answering right (classical item difficulty, p). */
  difficulty: number | null;
  /** Upper-27% minus lower-27% correct rate, by attempt score (Kelley 1939). */
  discrimination: number | null;
  /** Why a trainer should look at it: too easy, too hard, or it does not separate strong from weak learners. */
  flags: ('too_easy' | 'too_hard' | 'low_discrimination' | 'negative_discrimination')[];
}

export interface QuizRow {
  slug: string;
  title: string;
  passMark: number;
  /** Submitted attempts, and how many of them passed: `passRate` is per attempt (a learner who failed once and then passed counts twice). */
  attempts: number;
  attemptsPassed: number;
  passRate: number | null;
  /** Learners who submitted an attempt, and how many of them passed the quiz (at any attempt). */
  learners: number;
  learnersPassed: number;
  learnerPassRate: number | null;
  averageScore: number | null;
  /** Submitted attempts per score band: 0–9, 10–19, … 90–100. */
  scoreDistribution: { from: number; to: number; attempts: number }[];
}

export interface CourseReport {
  slug: string;
  version: number;
  title: string;
  /** Every version of the course, newest first, to choose the report's version from. */
  versions: { version: number; enrolments: number; current: boolean }[];
  enrolments: number;
  started: number;
  completed: number;
  completionRate: number | null;
  medianSecondsToComplete: number | null;
  lessons: LessonTimeRow[];
  quizzes: QuizRow[];
  /** Every question of the version, the ones that most need a look first. */
  questions: QuestionRow[];
}

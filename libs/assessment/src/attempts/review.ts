import type { QuestionGrade } from '../grading/grading';

/**
 * What a learner sees of an attempt's grading (contract: Quizzes). `show` is how much — the score
 * only, which questions were right (`correct`, `fraction`), or also the explanations; `when` is
 * after each attempt or only once the learner has passed the quiz. The default, explanations once
 * passed, shows a learner who has not passed (even one with no attempt left) only the score:
 * throw-away accounts would otherwise buy the key with their attempts.
 */
export interface ReviewPolicy {
  show: 'score' | 'correctness' | 'explanations';
  when: 'passed' | 'each_attempt';
  contact?: string;
}

export type ReviewLevel = ReviewPolicy['show'];

export function reviewLevel(policy: ReviewPolicy, passedQuiz: boolean): ReviewLevel {
  return policy.when === 'each_attempt' || passedQuiz ? policy.show : 'score';
}

export interface VisibleResult {
  questionId: string;
  correct?: boolean;
  fraction?: number;
  explanation?: string;
}

export function visibleResults(results: QuestionGrade[], level: ReviewLevel): VisibleResult[] {
  return results.map((r) => ({
    questionId: r.questionId,
    ...(level !== 'score' ? { correct: r.correct, fraction: r.fraction } : {}),
    ...(level === 'explanations' ? { explanation: r.explanation } : {}),
  }));
}

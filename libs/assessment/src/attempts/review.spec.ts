import { reviewLevel, visibleResults } from './review';

describe(reviewLevel.name, () => {
  it('shows only the score before a pass by default, and everything once passed', () => {
    expect(reviewLevel({ show: 'explanations', when: 'passed' }, false)).toBe('score');
    expect(reviewLevel({ show: 'explanations', when: 'passed' }, true)).toBe('explanations');
  });
  it('follows the policy after each attempt when the quiz says so', () => {
    expect(reviewLevel({ show: 'correctness', when: 'each_attempt' }, false)).toBe('correctness');
    expect(reviewLevel({ show: 'score', when: 'each_attempt' }, true)).toBe('score');
  });
});

describe(visibleResults.name, () => {
  const results = [{ questionId: 'q', correct: false, fraction: 0.5, explanation: 'why' }];
  it('keeps only the question ids at the score level', () => {
    expect(visibleResults(results, 'score')).toEqual([{ questionId: 'q' }]);
  });
  it('adds right or wrong and the fraction, then the explanation', () => {
    expect(visibleResults(results, 'correctness')).toEqual([{ questionId: 'q', correct: false, fraction: 0.5 }]);
    expect(visibleResults(results, 'explanations')).toEqual(results);
  });
});

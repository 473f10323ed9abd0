import { gradeAttempt, shuffle } from './grading';

describe('gradeAttempt', () => {
  const questions = [
    { id: 'q1', explanation: 'e1', options: [{ id: 'a', correct: true }, { id: 'b', correct: false }] },
    { id: 'q2', explanation: 'e2', options: [{ id: 'c', correct: true }, { id: 'd', correct: true }, { id: 'e', correct: false }] },
    { id: 'q3', explanation: 'e3', options: [{ id: 't', correct: false }, { id: 'f', correct: true }] },
  ];

  it('scores 100 and passes when every answer is right', () => {
    const sut = gradeAttempt(questions, [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['d', 'c'] }, { questionId: 'q3', optionIds: ['f'] }], 70);
    expect(sut).toEqual({ score: 100, passed: true, results: [{ questionId: 'q1', correct: true, explanation: 'e1' }, { questionId: 'q2', correct: true, explanation: 'e2' }, { questionId: 'q3', correct: true, explanation: 'e3' }] });
  });

  it('gives no credit for a multiple-answer question that is only partly right', () => {
    const sut = gradeAttempt(questions, [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['c'] }, { questionId: 'q3', optionIds: ['f'] }], 70);
    expect(sut.results[1]!.correct).toBe(false);
    expect(sut.score).toBe(67);
    expect(sut.passed).toBe(false);
  });

  it('counts an unanswered question as wrong', () => {
    expect(gradeAttempt(questions, [], 1)).toMatchObject({ score: 0, passed: false });
  });

  it('marks a choice of every option on a multiple question as wrong', () => {
    const sut = gradeAttempt(questions, [{ questionId: 'q2', optionIds: ['c', 'd', 'e'] }], 50);
    expect(sut.results[1]!.correct).toBe(false);
  });

  it('passes exactly at the pass mark', () => {
    const two = questions.slice(0, 2);
    expect(gradeAttempt(two, [{ questionId: 'q1', optionIds: ['a'] }], 50)).toMatchObject({ score: 50, passed: true });
  });
});

describe('shuffle', () => {
  it('keeps every item and does not change the input', () => {
    const input = [1, 2, 3, 4, 5];
    const out = shuffle(input, () => 0);
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5]);
    expect(out).not.toEqual(input);
  });
});

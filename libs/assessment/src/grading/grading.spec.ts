import { gradeAttempt, GradableQuestion, questionFraction, shuffle, withinTolerance } from './grading';
import { matchesShortAnswer, normaliseAnswer } from './short-answer';

describe('gradeAttempt', () => {
  const questions = [
    { id: 'q1', explanation: 'e1', options: [{ id: 'a', correct: true }, { id: 'b', correct: false }] },
    { id: 'q2', type: 'multiple', explanation: 'e2', options: [{ id: 'c', correct: true }, { id: 'd', correct: true }, { id: 'e', correct: false }] },
    { id: 'q3', explanation: 'e3', options: [{ id: 't', correct: false }, { id: 'f', correct: true }] },
  ];

  it('scores 100 and passes when every answer is right', () => {
    const sut = gradeAttempt(questions, [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['d', 'c'] }, { questionId: 'q3', optionIds: ['f'] }], 70);
    expect(sut).toEqual({ score: 100, passed: true, results: ['q1', 'q2', 'q3'].map((id, i) => ({ questionId: id, correct: true, fraction: 1, explanation: `e${i + 1}` })) });
  });

  it('gives no credit for an unweighted multiple-answer question that is only partly right', () => {
    const sut = gradeAttempt(questions, [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['c'] }, { questionId: 'q3', optionIds: ['f'] }], 70);
    expect(sut.results[1]).toMatchObject({ correct: false, fraction: 0 });
    expect(sut.score).toBe(67);
    expect(sut.passed).toBe(false);
  });

  it('counts an unanswered question as wrong', () => {
    expect(gradeAttempt(questions, [], 1)).toMatchObject({ score: 0, passed: false });
  });

  it('marks a choice of every option on a multiple question as wrong, and two options on a single one', () => {
    expect(gradeAttempt(questions, [{ questionId: 'q2', optionIds: ['c', 'd', 'e'] }], 50).results[1]!.correct).toBe(false);
    expect(gradeAttempt(questions, [{ questionId: 'q1', optionIds: ['a', 'b'] }], 50).results[0]!.correct).toBe(false);
  });

  it('passes exactly at the pass mark', () => {
    const two = questions.slice(0, 2);
    expect(gradeAttempt(two, [{ questionId: 'q1', optionIds: ['a'] }], 50)).toMatchObject({ score: 50, passed: true });
  });

  it('adds partial credit into the score: the sum of fractions over the questions', () => {
    const weighted: GradableQuestion = { id: 'w', type: 'multiple', explanation: '', options: [{ id: 'x', correct: true, fraction: 0.5 }, { id: 'y', correct: true, fraction: 0.5 }, { id: 'z', correct: false, fraction: -1 }] };
    const sut = gradeAttempt([questions[0]!, weighted], [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'w', optionIds: ['x'] }], 75);
    expect(sut).toMatchObject({ score: 75, passed: true, results: [{ fraction: 1, correct: true }, { fraction: 0.5, correct: false }] });
  });
});

describe(questionFraction.name, () => {
  // Moodle's multichoice_multi: the sum of the chosen answers' fractions, then min(max(0, sum), 1).
  const multi: GradableQuestion = {
    id: 'm', type: 'multiple', explanation: '',
    options: [{ id: 'a', correct: true, fraction: 1 / 3 }, { id: 'b', correct: true, fraction: 1 / 3 }, { id: 'c', correct: true, fraction: 1 / 3 }, { id: 'd', correct: false, fraction: -0.5 }, { id: 'e', correct: false, fraction: -1 }],
  };
  it.each([
    [['a'], 1 / 3],
    [['a', 'b'], 2 / 3],
    [['a', 'b', 'c'], 1],
    [['a', 'b', 'c', 'd'], 0.5],
    [['a', 'd'], 0],
    [['e'], 0],
    [['a', 'b', 'c', 'd', 'e'], 0],
    [[], 0],
  ])('gives a weighted multiple-answer choice of %j the fraction %d, floored at 0', (ids, expected) => {
    expect(questionFraction(multi, { questionId: 'm', optionIds: ids })).toBeCloseTo(expected, 6);
  });

  it('gives a single-answer question the chosen option weight, never below 0', () => {
    const single: GradableQuestion = { id: 's', type: 'single', explanation: '', options: [{ id: 'a', correct: true }, { id: 'b', correct: false, fraction: 0.5 }, { id: 'c', correct: false, fraction: -0.3333 }] };
    expect(questionFraction(single, { questionId: 's', optionIds: ['a'] })).toBe(1);
    expect(questionFraction(single, { questionId: 's', optionIds: ['b'] })).toBe(0.5);
    expect(questionFraction(single, { questionId: 's', optionIds: ['c'] })).toBe(0);
  });

  it('gives a matching question the share of stems matched rightly', () => {
    const matching: GradableQuestion = { id: 'x', type: 'matching', explanation: '', options: [], stems: [{ id: 's1', optionId: 'o1' }, { id: 's2', optionId: 'o2' }, { id: 's3', optionId: 'o1' }, { id: 's4', optionId: 'o3' }] };
    expect(questionFraction(matching, { questionId: 'x', pairs: [{ stemId: 's1', optionId: 'o1' }, { stemId: 's2', optionId: 'o1' }, { stemId: 's3', optionId: 'o1' }] })).toBe(0.5);
    expect(questionFraction(matching, { questionId: 'x', pairs: [] })).toBe(0);
  });

  it('gives a short answer the fraction of the first accepted answer that matches', () => {
    const short: GradableQuestion = { id: 'sa', type: 'short_answer', explanation: '', options: [], answers: [{ text: 'Salduz v. Turkey', fraction: 1 }, { text: 'Salduz*', fraction: 0.5 }, { text: '*', fraction: 0.1 }] };
    expect(questionFraction(short, { questionId: 'sa', text: '  salduz  V. turkey ' })).toBe(1);
    expect(questionFraction(short, { questionId: 'sa', text: 'Salduz' })).toBe(0.5);
    expect(questionFraction(short, { questionId: 'sa', text: 'Beuze' })).toBe(0.1);
    expect(questionFraction(short, { questionId: 'sa', text: '   ' })).toBe(0);
  });

  it('gives a numerical answer the fraction of the first answer whose tolerance holds it', () => {
    const num: GradableQuestion = { id: 'n', type: 'numerical', explanation: '', options: [], answers: [{ value: 1950, fraction: 1 }, { value: 1950, tolerance: 2, fraction: 0.5 }] };
    expect(questionFraction(num, { questionId: 'n', value: 1950 })).toBe(1);
    expect(questionFraction(num, { questionId: 'n', value: 1952 })).toBe(0.5);
    expect(questionFraction(num, { questionId: 'n', value: 1952.01 })).toBe(0);
    expect(questionFraction(num, { questionId: 'n' })).toBe(0);
  });
});

describe(withinTolerance.name, () => {
  it('holds the ends of the interval, with room for rounding', () => {
    expect(withinTolerance(3.14159, 0.0005, 3.14209)).toBe(true);
    expect(withinTolerance(3.14159, 0.0005, 3.1421)).toBe(false);
    expect(withinTolerance(0.3, 0, 0.1 + 0.2)).toBe(true);
  });
});

describe(matchesShortAnswer.name, () => {
  it.each([
    ['İnsan hüquqları', 'insan hüquqları', true],
    ['İNSAN', 'ınsan', true],
    ['Iran', 'İRAN', true],
    ['ошибка', 'ОШИБКА', true],
    ['ёлка', 'елка', true],
    ['Məhkəmə', 'Mähkämä', true],
    ['Article 6', 'article   6', true],
    ['Article 6', 'Article 6.', false],
    ['Art*6', 'Article 6', true],
    ['2\\*3', '2*3', true],
    ['2\\*3', '243', false],
    ['a.b', 'axb', false],
  ])('compares %j with %j: %s', (pattern, typed, expected) => {
    expect(matchesShortAnswer(pattern, typed, false)).toBe(expected);
  });

  it('keeps case when the question asks for it', () => {
    expect(matchesShortAnswer('ECHR', 'echr', true)).toBe(false);
    expect(matchesShortAnswer('ECHR', ' ECHR ', true)).toBe(true);
    expect(normaliseAnswer('  Ёж  ', true)).toBe('Еж');
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

import { AnswerProblem, drawQuestions, layoutFor, toStoredAnswers } from './attempt-layout';

const q = (id: string, extra: { type?: string; module?: string; tags?: string[]; stems?: { id: string }[] } = {}) => ({ id, type: extra.type ?? 'single', options: [{ id: `${id}-a` }, { id: `${id}-b` }], ...extra });

describe(drawQuestions.name, () => {
  const pool = [q('a1', { module: 'a', tags: ['x'] }), q('a2', { module: 'a', tags: ['x'] }), q('a3', { module: 'a' }), q('b1', { module: 'b', tags: ['y'] }), q('b2', { module: 'b', tags: ['y'] }), q('c1', { module: 'c', tags: ['z'] })];

  it('draws every question without a draw, and N of M with a count', () => {
    expect(drawQuestions(pool, null).map((x) => x.id).sort()).toEqual(pool.map((x) => x.id).sort());
    expect(drawQuestions(pool, { count: 4 })).toHaveLength(4);
  });

  it('draws so many per module, covering each module in every attempt', () => {
    for (let i = 0; i < 50; i++) {
      const drawn = drawQuestions(pool, { perModule: { a: 2, b: 1, c: 1 } });
      expect(drawn).toHaveLength(4);
      expect(drawn.map((x) => x.module).sort()).toEqual(['a', 'a', 'b', 'c']);
      expect(new Set(drawn.map((x) => x.id)).size).toBe(4);
    }
  });

  it('draws so many per tag', () => {
    const drawn = drawQuestions(pool, { perTag: { x: 1, y: 2 } });
    expect(drawn.flatMap((x) => x.tags ?? []).sort()).toEqual(['x', 'y', 'y']);
  });
});

describe(layoutFor.name, () => {
  it('gives every attempt fresh option and stem ids that map back to the stored ones', () => {
    const questions = [q('m', { type: 'matching', stems: [{ id: 's1' }, { id: 's2' }] }), q('s')];
    const one = layoutFor(questions);
    const two = layoutFor(questions);
    const ids = (l: typeof one) => l.flatMap((x) => [...x.optionIds, ...(x.stemIds ?? [])]);
    expect(ids(one).filter((id) => ids(two).includes(id))).toEqual([]);
    expect(ids(one).some((id) => id.startsWith('m-') || id.startsWith('s-') || id === 's1')).toBe(false);
    expect([...one[0]!.refs!].sort()).toEqual(['m-a', 'm-b']);
    expect([...one[0]!.stemRefs!].sort()).toEqual(['s1', 's2']);
  });
});

describe(toStoredAnswers.name, () => {
  const layout = [
    { questionId: 'q1', optionIds: ['x1', 'x2'], refs: ['r1', 'r2'] },
    { questionId: 'q2', optionIds: ['y1', 'y2'], refs: ['o1', 'o2'], stemIds: ['t1', 't2'], stemRefs: ['s1', 's2'] },
    { questionId: 'q3', optionIds: [], refs: [] },
    { questionId: 'old', optionIds: ['stored-1', 'stored-2'] },
  ];
  const types: Record<string, string> = { q1: 'multiple', q2: 'matching', q3: 'numerical', old: 'single' };
  const sut = (answers: Parameters<typeof toStoredAnswers>[2]) => toStoredAnswers(layout, (id) => types[id]!, answers);

  it('translates the ids this attempt showed into the stored ones', () => {
    expect(sut([{ questionId: 'q1', optionIds: ['x2'] }, { questionId: 'q2', pairs: [{ stemId: 't1', optionId: 'y2' }] }, { questionId: 'q3', value: 4.5 }, { questionId: 'old', optionIds: ['stored-2'] }])).toEqual([
      { questionId: 'q1', optionIds: ['r2'] },
      { questionId: 'q2', pairs: [{ stemId: 's1', optionId: 'o2' }] },
      { questionId: 'q3', value: 4.5 },
      { questionId: 'old', optionIds: ['stored-2'] },
    ]);
  });

  it.each([
    [[{ questionId: 'q1', optionIds: ['r1'] }], 'answers.0.optionIds'],
    [[{ questionId: 'q2', pairs: [{ stemId: 's1', optionId: 'y1' }] }], 'answers.0.pairs.0.stemId'],
    [[{ questionId: 'q2', pairs: [{ stemId: 't1', optionId: 'y1' }, { stemId: 't1', optionId: 'y2' }] }], 'answers.0.pairs'],
    [[{ questionId: 'q3', text: '4' }], 'answers.0.text'],
    [[{ questionId: 'nope', optionIds: [] }], 'answers.0.questionId'],
    [[{ questionId: 'old', optionIds: ['stored-1', 'stored-2'] }], 'answers.0.optionIds'],
  ])('refuses %j naming %s', (answers, field) => {
    expect(() => sut(answers)).toThrow(AnswerProblem);
    try {
      sut(answers);
    } catch (e) {
      expect((e as AnswerProblem).field).toBe(field);
    }
  });
});

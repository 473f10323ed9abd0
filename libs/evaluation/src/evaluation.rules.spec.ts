import { aggregate, checkAnswers, EvaluationProblem, FormItem } from './evaluation.rules';

const items: FormItem[] = [
  { id: 'relevance', type: 'rating', text: 'Relevant' },
  { id: 'improve', type: 'text', text: 'Improve?' },
];

describe(checkAnswers.name, () => {
  it('keeps a rating per rating item and the trimmed text of text items', () => {
    expect(checkAnswers(items, [{ itemId: 'relevance', rating: 4 }, { itemId: 'improve', text: '  More cases \u0007' }])).toEqual({ relevance: 4, improve: 'More cases' });
  });

  it('names the field of a rating out of range, an unknown item and a rating item left out', () => {
    const field = (given: Parameters<typeof checkAnswers>[1]) => {
      try {
        checkAnswers(items, given);
      } catch (e) {
        return (e as EvaluationProblem).field;
      }
      return null;
    };
    expect(field([{ itemId: 'relevance', rating: 6 }])).toBe('answers[0].rating');
    expect(field([{ itemId: 'relevance', rating: 2.5 }])).toBe('answers[0].rating');
    expect(field([{ itemId: 'nope', rating: 3 }])).toBe('answers[0].itemId');
    expect(field([{ itemId: 'improve', text: 'x' }])).toBe('answers');
  });
});

describe(aggregate.name, () => {
  it('counts, averages and distributes ratings, and lists texts', () => {
    const [rating, text] = aggregate(items, [{ relevance: 5, improve: 'a' }, { relevance: 4 }, { relevance: 4, improve: 'b' }]);
    expect(rating).toMatchObject({ count: 3, mean: 4.33, distribution: [0, 0, 0, 2, 1] });
    expect(text).toMatchObject({ count: 2, texts: ['a', 'b'] });
  });
});

import type { DraftQuestion } from '@themis/catalog';
import { percentOf, readQuestionBody } from './question-form';

describe(readQuestionBody.name, () => {
  it('reads weights in percent as Moodle fractions, a right mark following from them', () => {
    const errors = {};
    const form = { 'q.0.o.0.text': 'x', 'q.0.o.0.weight': '33,33333', 'q.0.o.1.text': 'y', 'q.0.o.1.weight': '-100', 'q.0.o.2.text': 'z', 'q.0.o.2.correct': 'on' };
    const existing: DraftQuestion = { id: 'q', type: 'multiple', prompt: 'p', explanation: 'e', options: [{ text: 'x', correct: true, feedback: 'kept' }] };
    expect(readQuestionBody(form, 0, 'multiple', existing, errors)).toEqual({
      options: [{ text: 'x', correct: true, fraction: 0.3333333, feedback: 'kept' }, { text: 'y', correct: false, fraction: -1 }, { text: 'z', correct: true }],
    });
    expect(errors).toEqual({});
  });

  it('refuses a weight past ±100 and a number that is not one, next to their fields', () => {
    const errors = {};
    readQuestionBody({ 'q.2.o.0.text': 'x', 'q.2.o.0.weight': '150' }, 2, 'single', undefined, errors);
    readQuestionBody({ 'q.3.a.0.text': 'nineteen fifty', 'q.3.a.1.text': '1950', 'q.3.a.1.tolerance': '-1' }, 3, 'numerical', undefined, errors);
    expect(errors).toEqual({ 'q-2-o-0-weight': 'authoring.error.weight', 'q-3-a-0-text': 'authoring.error.number', 'q-3-a-1-tolerance': 'authoring.error.tolerance' });
  });

  it('reads matching pairs (options are extra wrong matches) and asks for both halves of a pair', () => {
    const errors = {};
    const body = readQuestionBody({ 'q.0.p.0.stem': 'Salduz', 'q.0.p.0.match': 'Art. 6', 'q.0.p.1.stem': 'Öcalan', 'q.0.o.0.text': 'Art. 3', 'q.0.o.0.correct': 'on' }, 0, 'matching', undefined, errors);
    expect(body).toEqual({ options: [{ text: 'Art. 3', correct: false }], pairs: [{ stem: 'Salduz', match: 'Art. 6' }] });
    expect(errors).toEqual({ 'q-0-p-1-match': 'authoring.error.pairIncomplete' });
  });

  it('reads accepted answers: short answer with its case rule, numerical with a tolerance, 100 % when no weight is given', () => {
    expect(readQuestionBody({ 'q.0.a.0.text': 'Salduz*', 'q.0.a.1.text': 'Beuze', 'q.0.a.1.weight': '25', 'q.0.caseSensitive': 'on' }, 0, 'short_answer', undefined, {})).toEqual({
      options: [], answers: [{ text: 'Salduz*', fraction: 1 }, { text: 'Beuze', fraction: 0.25 }], caseSensitive: true,
    });
    expect(readQuestionBody({ 'q.0.a.0.text': '3,14', 'q.0.a.0.tolerance': '0,005' }, 0, 'numerical', undefined, {})).toEqual({ options: [], answers: [{ value: 3.14, tolerance: 0.005, fraction: 1 }] });
  });

  it('shows a stored weight as the percent it was typed', () => {
    expect([percentOf(0.3333333), percentOf(-1), percentOf(undefined)]).toEqual(['33.33333', '-100', '']);
  });
});

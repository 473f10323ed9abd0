import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeGift, explanationFor, giftToDraftQuestions, parseGift, writeGift } from '@themis/catalog';
import { projectRoot } from '@themis/core';

const fixture = (name: string) => fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'gift', name), 'utf8');

describe(parseGift.name, () => {
  it('reads multiple choice with one and several right answers, weights, per-answer and general feedback and categories', () => {
    const sut = parseGift(fixture('multiple-choice.gift'));
    expect(sut.problems).toEqual([]);
    expect(sut.questions).toEqual([
      {
        line: 4, title: 'salduz-access', category: 'ECHR/Article 6', type: 'single',
        prompt: 'Under [@salduz-v-turkey], when must access to a lawyer be given?',
        options: [
          { text: 'From the first police interrogation', correct: true, feedback: 'Yes: from the first interrogation.' },
          { text: 'Only at trial', correct: false, feedback: 'No, that is too late.' },
          { text: 'Only if the suspect asks', correct: false, feedback: 'No: waiver must be informed.' },
        ],
        generalFeedback: 'Salduz v. Turkey (GC), 2008, §55.',
      },
      {
        line: 11, title: 'two-right', category: 'ECHR/Article 6', type: 'multiple', prompt: 'Which are Article 5 rights?',
        options: [
          { text: 'To be told promptly why one is arrested', correct: true },
          { text: 'To be brought promptly before a judge', correct: true },
          { text: 'To a free interpreter at the police station', correct: false },
        ],
      },
      {
        line: 17, category: 'ECHR/Article 6', type: 'single', prompt: 'Who decided Ibrahim?',
        options: [{ text: 'The Grand Chamber', correct: true }, { text: 'A Chamber', correct: false }, { text: 'A Committee', correct: false }],
      },
    ]);
  });

  it('reads true/false in every spelling with wrong/right feedback and general feedback', () => {
    const sut = parseGift(fixture('true-false.gift'));
    expect(sut.problems).toEqual([]);
    expect(sut.questions.map((q) => [q.title, q.type, q.answer, q.trueFalseFeedback, q.generalFeedback])).toEqual([
      ['tf-true', 'true_false', false, { wrong: 'Beuze says no.', right: 'Right: Beuze.' }, undefined],
      ['tf-short', 'true_false', true, undefined, undefined],
      ['tf-long', 'true_false', false, undefined, 'Article 15§2 excludes Article 3 from derogation.'],
    ]);
  });

  it('unescapes \\: \\= \\~ \\# \\{ \\} \\\\ and \\n, ignores comments and strips text-format markers', () => {
    const sut = parseGift(fixture('escapes-and-comments.gift'));
    expect(sut.problems).toEqual([]);
    expect(sut.questions[0]).toMatchObject({
      title: 'escaped: title', category: 'Escapes', prompt: 'What does 1 = 1 mean in {set} notation ~ roughly?',
      options: [{ text: 'It is an equation: both sides # equal', correct: true }, { text: 'It is a set {1}', correct: false }],
      generalFeedback: 'Backslash \\ stays.\nSecond line.',
    });
    expect(sut.questions[1]).toMatchObject({ prompt: 'Which text format marker is stripped?', options: [{ text: 'this one', correct: true }, { text: 'none', correct: false }] });
  });

  it('reports every kind it cannot represent, line by line, and keeps a missing-word question with a blank', () => {
    const sut = parseGift(fixture('unsupported.gift'));
    expect(sut.problems).toEqual([
      { line: 2, code: 'numerical', title: 'numeric', message: expect.stringMatching(/^question "numeric": a numerical question is not supported/) },
      { line: 4, code: 'matching', title: 'matching', message: expect.stringMatching(/^question "matching": a matching question/) },
      { line: 9, code: 'short_answer', title: 'short', message: expect.stringMatching(/^question "short": a short-answer question/) },
      { line: 11, code: 'essay', title: 'essay', message: expect.stringMatching(/^question "essay": an essay question/) },
      { line: 15, code: 'no_answer_block', message: expect.stringMatching(/^question: a description with no answer block/) },
      { line: 17, code: 'partial_credit', title: 'partial', message: expect.stringMatching(/^question "partial": partial credit/) },
      { line: 19, code: 'cloze', title: 'cloze', message: expect.stringMatching(/^question "cloze": more than one answer block/) },
    ]);
    expect(sut.questions).toEqual([expect.objectContaining({ title: 'missing-word', type: 'single', prompt: 'The Court sits in _____ in France.' })]);
  });

  it('reports an answer block that is never closed', () => {
    expect(parseGift('::open::Question {=a ~b\n').problems).toEqual([{ line: 1, code: 'unclosed_block', title: 'open', message: expect.stringMatching(/never closed/) }]);
  });
});

describe(giftToDraftQuestions.name, () => {
  it('makes unique ids from titles and keeps per-answer feedback in the explanation', () => {
    const sut = giftToDraftQuestions(fixture('multiple-choice.gift'), ['salduz-access']);
    expect(sut.questions.map((q) => q.id)).toEqual(['salduz-access-2', 'two-right', 'question-3']);
    expect(sut.questions[0]!.explanation).toBe('Salduz v. Turkey (GC), 2008, §55.\n\n“From the first police interrogation”: Yes: from the first interrogation.\n\n“Only at trial”: No, that is too late.\n\n“Only if the suspect asks”: No: waiver must be informed.');
    const tf = parseGift(fixture('true-false.gift')).questions[0]!;
    expect(explanationFor(tf)).toBe('If you answered false: Right: Beuze.\n\nIf you answered true: Beuze says no.');
  });
});

describe(writeGift.name, () => {
  it('writes GIFT that reads back to the same questions, escapes included', () => {
    const questions = [
      { id: 'one', type: 'single' as const, prompt: 'Is 1 = 1 {really}?', explanation: 'Yes: see #3.\nNext line.', options: [{ text: 'a~b', correct: true }, { text: 'c\\d', correct: false }] },
      { id: 'two', type: 'multiple' as const, prompt: 'Pick two of three.', explanation: 'Two.', options: [{ text: 'A', correct: true }, { text: 'B', correct: true }, { text: 'C', correct: false }] },
      { id: 'four', type: 'true_false' as const, prompt: 'True?', explanation: 'False.', options: [], answer: false },
    ];
    const back = giftToDraftQuestions(writeGift('course/quiz', questions), []);
    expect(back.problems).toEqual([]);
    expect(back.questions.map(({ category, ...q }) => q)).toEqual(questions.map((q) => (q.type === 'true_false' ? q : { ...q, answer: undefined })).map(({ answer, ...q }) => (answer === undefined ? q : { ...q, answer })));
    expect(back.questions.map((q) => q.category)).toEqual(['course/quiz', 'course/quiz', 'course/quiz']);
  });

  it('writes a several-answers question with one right answer so that it reads back as single-answer, as Moodle reads it', () => {
    const q = { id: 'three', type: 'multiple' as const, prompt: 'Pick one of three.', explanation: 'One.', options: [{ text: 'A', correct: true }, { text: 'B', correct: false }, { text: 'C', correct: false }] };
    expect(giftToDraftQuestions(writeGift('c/q', [q]), []).questions).toEqual([{ ...q, type: 'single', category: 'c/q' }]);
  });

  it('escapes every structural character', () => {
    expect(escapeGift('a=b~c#d{e}f:g\\h\ni')).toBe('a\\=b\\~c\\#d\\{e\\}f\\:g\\\\h\\ni');
  });
});

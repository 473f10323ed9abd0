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
          { text: 'To be told promptly why one is arrested', correct: true, fraction: 0.5 },
          { text: 'To be brought promptly before a judge', correct: true, fraction: 0.5 },
          { text: 'To a free interpreter at the police station', correct: false, fraction: -1 },
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

  it('reads numerical, matching, short-answer and partial-credit questions, reports what it cannot represent line by line, and keeps a missing-word question with a blank', () => {
    const sut = parseGift(fixture('unsupported.gift'));
    expect(sut.problems).toEqual([
      { line: 11, code: 'essay', title: 'essay', message: expect.stringMatching(/^question "essay": an essay question/) },
      { line: 15, code: 'no_answer_block', message: expect.stringMatching(/^question: a description with no answer block/) },
      { line: 19, code: 'cloze', title: 'cloze', message: expect.stringMatching(/^question "cloze": more than one answer block/) },
    ]);
    expect(sut.questions.map((q) => [q.title, q.type])).toEqual([['numeric', 'numerical'], ['matching', 'matching'], ['short', 'short_answer'], ['missing-word', 'single'], ['partial', 'single']]);
    expect(sut.questions[3]).toMatchObject({ prompt: 'The Court sits in _____ in France.' });
    expect(sut.questions[4]!.options).toEqual([{ text: 'Half', correct: false, fraction: 0.5 }, { text: 'Wrong', correct: false }]);
  });

  describe("on Moodle's own GIFT examples (question/format/gift/examples.txt)", () => {
    const sut = parseGift(fixture('moodle-examples.gift'));
    const at = (line: number) => sut.questions.find((q) => q.line === line)!;

    it('imports every question, refusing none', () => {
      expect(sut.problems).toEqual([]);
      const count = (type: string) => sut.questions.filter((q) => q.type === type).length;
      expect([count('single'), count('multiple'), count('true_false'), count('short_answer'), count('numerical'), count('matching')]).toEqual([16, 2, 5, 9, 8, 3]);
    });

    it('keeps missing-word blanks, [markdown] text, weights, negative weights and per-answer feedback', () => {
      expect(at(10).prompt).toBe("Grant is _____ in Grant's tomb.");
      expect(at(108)).toMatchObject({ type: 'short_answer', prompt: "Who's buried in **Grant's tomb**?", answers: [{ text: 'no one', fraction: 1, feedback: 'excellent answer!' }, { text: 'nobody', fraction: 1, feedback: 'excellent answer!' }] });
      expect(at(117).options).toEqual([
        { text: 'Jerusalem', correct: false, feedback: 'This was an important city, but the wrong answer.' },
        { text: 'Bethlehem', correct: false, fraction: 0.25, feedback: 'He was born here, but not raised here.' },
        { text: 'Galilee', correct: false, fraction: 0.5, feedback: 'You need to be more specific.' },
        { text: 'Nazareth', correct: true, feedback: "Yes! That's right!" },
      ]);
      expect(at(136).options.map((o) => [o.text, o.fraction])).toEqual([['No one', -0.5], ['Grant', 0.5], ["Grant's wife", 0.5], ["Grant's father", -0.5]]);
      expect(at(123).answers!.map((a) => a.fraction)).toEqual([1, 0.75, 0.25]);
    });

    it('reads numerical tolerances, ranges and partial credit', () => {
      expect(at(72).answers).toEqual([{ value: 3.1415, tolerance: 0.0005, fraction: 1 }]);
      expect(at(74).answers).toEqual([{ value: 3.1415, tolerance: 0.0005, fraction: 1 }]);
      expect(at(202).answers).toEqual([{ value: 1822, fraction: 1, feedback: 'Correct! 100% credit' }, { value: 1822, tolerance: 2, fraction: 0.5, feedback: 'He was born in 1822.\nYou get 50% credit for being close.' }]);
      expect(at(61).pairs).toHaveLength(4);
      expect(at(148).options.find((o) => o.correct)!.text).toBe('\\');
    });
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
    // GIFT has no all-or-nothing multiple answer: Moodle reads the weights, Themis reads its own comment line too.
    expect(back.questions.map(({ category, ...q }) => q)).toEqual(questions);
    expect(back.questions.map((q) => q.category)).toEqual(['course/quiz', 'course/quiz', 'course/quiz']);
  });

  it('writes a several-answers question with one right answer so that it reads back as single-answer, as Moodle reads it', () => {
    const q = { id: 'three', type: 'multiple' as const, prompt: 'Pick one of three.', explanation: 'One.', options: [{ text: 'A', correct: true }, { text: 'B', correct: false }, { text: 'C', correct: false }] };
    expect(giftToDraftQuestions(writeGift('c/q', [q]), []).questions).toEqual([{ ...q, type: 'single', options: [{ text: 'A', correct: true }, { text: 'B', correct: false, fraction: -0.5 }, { text: 'C', correct: false, fraction: -0.5 }], category: 'c/q' }]);
  });

  it('escapes every structural character', () => {
    expect(escapeGift('a=b~c#d{e}f:g\\h\ni')).toBe('a\\=b\\~c\\#d\\{e\\}f\\:g\\\\h\\ni');
  });
});

import * as path from 'node:path';
import { projectRoot } from '@themis/core';
import { readCatalog } from './course-reader';
import type { QuestionSource } from './course-source';
import { aboveOptions, allButOneCorrect, correctLongestInQuiz, longCorrectOption, nearDuplicateOptions, questionWarnings, refersToOtherOptions, stemContainsAnswer } from './item-writing';

const q = (type: QuestionSource['type'], options: [string, boolean?][], prompt = 'Which one?'): QuestionSource => ({
  id: 'q',
  type,
  prompt,
  explanation: 'Because.',
  options: options.map(([text, correct]) => ({ text, correct: correct === true })),
  cites: [],
});
const codes = (w: { text: { code: string } }[]) => w.map((x) => x.text.code);

describe(longCorrectOption.name, () => {
  it('warns when the right option is at least 1.25 times and 20 characters longer than the longest wrong one', () => {
    const right = 'x'.repeat(40);
    expect(longCorrectOption(q('single', [['y'.repeat(20)], [right, true]]))).toEqual([{ at: ['options', 1], text: expect.objectContaining({ code: 'warnLongCorrect', params: { right: 40, wrong: 20 } }) }]);
  });

  it('needs both bounds: 20 characters more but less than 1.25 times, or 1.25 times but fewer than 20 more', () => {
    expect(longCorrectOption(q('single', [['y'.repeat(100)], ['x'.repeat(124), true]]))).toEqual([]);
    expect(longCorrectOption(q('single', [['y'.repeat(100)], ['x'.repeat(125), true]]))).toHaveLength(1);
    expect(longCorrectOption(q('single', [['y'.repeat(10)], ['x'.repeat(29), true]]))).toEqual([]);
    expect(longCorrectOption(q('single', [['y'.repeat(10)], ['x'.repeat(30), true]]))).toHaveLength(1);
  });

  it('looks only at single-answer questions', () => {
    expect(longCorrectOption(q('multiple', [['y'], ['x'.repeat(40), true], ['z'.repeat(40), true]]))).toEqual([]);
  });
});

describe(correctLongestInQuiz.name, () => {
  const longest = q('single', [['short'], ['much longer right', true]]);
  const notLongest = q('single', [['a long wrong option'], ['right', true]]);
  const tie = q('single', [['same'], ['size', true]]);
  it('warns when the right option is strictly the longest in more than half of the single-answer questions', () => {
    expect(codes(correctLongestInQuiz([longest, longest, notLongest]))).toEqual(['warnCorrectLongestInQuiz']);
    expect(correctLongestInQuiz([longest, longest, notLongest])[0]!.text.params).toEqual({ count: 2, total: 3 });
  });
  it('does not warn at exactly half, on ties, or on other types', () => {
    expect(correctLongestInQuiz([longest, notLongest])).toEqual([]);
    expect(correctLongestInQuiz([tie, tie, longest])).toEqual([]);
    expect(correctLongestInQuiz([q('multiple', [['a'], ['bbbbbbbbbbbbb', true], ['cccccccccccc', true]])])).toEqual([]);
  });
});

describe(allButOneCorrect.name, () => {
  it('warns on a multiple-answer question where every option but one is right', () => {
    expect(codes(allButOneCorrect(q('multiple', [['a', true], ['b', true], ['c', true], ['d']])))).toEqual(['warnAllButOneCorrect']);
  });
  it('does not warn when two or more options are wrong', () => {
    expect(allButOneCorrect(q('multiple', [['a', true], ['b', true], ['c'], ['d']]))).toEqual([]);
  });
});

describe(nearDuplicateOptions.name, () => {
  it('warns on options that differ only in case, spaces or end punctuation, at the second one', () => {
    expect(nearDuplicateOptions(q('single', [['Article 6', true], ['article  6.'], ['Article 8']]))).toEqual([{ at: ['options', 1], text: expect.objectContaining({ code: 'warnOptionNearTwice', params: { text: 'article  6.', other: 'Article 6' } }) }]);
  });
  it('leaves exact repeats to the reader, which refuses them', () => {
    expect(nearDuplicateOptions(q('single', [['Article 6', true], ['Article 6']]))).toEqual([]);
  });
});

describe(refersToOtherOptions.name, () => {
  it.each(['All of the above', 'none of the above', 'Both of the above.', 'Yuxarıdakıların hamısı', 'Yuxarıdakılardan heç biri', 'YUXARIDAKILARIN HAMISI', 'Hamısı doğrudur', 'Все вышеперечисленное', 'Всё перечисленное выше', 'Ничего из вышеперечисленного', 'Ни один из перечисленных', 'Все ответы верны'])(
    'recognises "%s"',
    (text) => expect(refersToOtherOptions(text)).toBe(true),
  );
  it.each(['Above all, the right to a lawyer', 'None of the suspects', 'Все подозреваемые', 'Heç bir vəkil'])('leaves "%s" alone', (text) => expect(refersToOtherOptions(text)).toBe(false));
  it('reports each such option at its place', () => {
    expect(aboveOptions(q('single', [['Article 5', true], ['All of the above']]))).toEqual([{ at: ['options', 1], text: expect.objectContaining({ code: 'warnAboveOption' }) }]);
  });
});

describe(stemContainsAnswer.name, () => {
  it('warns when the question text says the right option word for word', () => {
    expect(stemContainsAnswer(q('single', [['the privilege against self-incrimination', true], ['the right to a jury']], 'Saunders concerns the privilege against self-incrimination. What does it concern?'))).toEqual([
      { at: ['prompt'], text: expect.objectContaining({ code: 'warnStemHasAnswer' }) },
    ]);
  });
  it('does not warn when a wrong option is in the text too, on a part of a word, or on a very short option', () => {
    expect(stemContainsAnswer(q('single', [['Article 5', true], ['Article 6']], 'Is it Article 5 or Article 6?'))).toEqual([]);
    expect(stemContainsAnswer(q('single', [['trial', true], ['appeal']], 'What do pre-trials decide?'))).toEqual([]);
    expect(stemContainsAnswer(q('single', [['Yes', true], ['No']], 'Yes or no: is it so?'))).toEqual([]);
  });
  it('finds the answer across case and punctuation', () => {
    expect(stemContainsAnswer(q('single', [['Article 5.', true], ['Article 8']], 'Under ARTICLE 5, which article protects liberty?'))).toHaveLength(1);
  });
});

describe(questionWarnings.name, () => {
  it('finds nothing in a well-written question', () => {
    expect(questionWarnings(q('single', [['Article 5', true], ['Article 8'], ['Article 10']], 'Which article protects the right to liberty?'))).toEqual([]);
  });
});

describe('item-writing warnings in course files', () => {
  const dir = path.join(projectRoot, 'test', 'fixtures', 'item-writing');
  const sut = readCatalog(dir);
  const at = (w: { file: string; line: number; code: string }) => `${path.relative(dir, w.file)}:${w.line}: ${w.code}`;

  it('are warnings: the course still reads and imports, with no problem', () => {
    expect(sut.problems).toEqual([]);
    expect(sut.courses.map((c) => c.slug)).toEqual(['flawed-course']);
  });

  it('are each reported at the exact line of the option, the options, the prompt or the quiz', () => {
    expect(sut.warnings.map(at)).toEqual([
      'flawed-course/flawed/quiz.yaml:11: warnLongCorrect',
      'flawed-course/flawed/quiz.yaml:18: warnAllButOneCorrect',
      'flawed-course/flawed/quiz.yaml:34: warnOptionNearTwice',
      'flawed-course/flawed/quiz.yaml:43: warnAboveOption',
      'flawed-course/flawed/quiz.yaml:47: warnStemHasAnswer',
      'flawed-course/flawed/quiz.yaml:5: warnCorrectLongestInQuiz',
    ]);
  });

  it('say what is wrong in English, with the parameters a translation fills in', () => {
    expect(sut.warnings[0]).toMatchObject({ params: { right: 72, wrong: 9 }, message: 'the right option (72 characters) is much longer than the longest wrong one (9): length gives the answer away' });
  });
});

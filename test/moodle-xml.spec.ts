import * as fs from 'node:fs';
import * as path from 'node:path';
import { DraftQuestion, moodleXmlToDraftQuestions, readMoodleXml, writeMoodleXml } from '@themis/catalog';
import { GradableQuestion, questionFraction } from '@themis/assessment';
import { DomainError, projectRoot } from '@themis/core';

const fixture = (name: string) => fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'moodle-xml', name), 'utf8');

/** A draft question as the attempt holds it: option ids o0…, matching stems pointing at their distinct match (as the importer stores them). */
function gradable(q: DraftQuestion): GradableQuestion {
  if (q.type === 'matching') {
    const texts = [...new Set([...(q.pairs ?? []).map((p) => p.match), ...q.options.map((o) => o.text)])];
    return { id: q.id, type: q.type, explanation: '', options: texts.map((t, i) => ({ id: `o${i}`, correct: false })), stems: (q.pairs ?? []).map((p, i) => ({ id: `s${i}`, optionId: `o${texts.indexOf(p.match)}` })) };
  }
  if (q.type === 'true_false') return { id: q.id, type: q.type, explanation: '', options: [{ id: 'true', correct: q.answer === true }, { id: 'false', correct: q.answer === false }] };
  return { id: q.id, type: q.type, explanation: '', options: q.options.map((o, i) => ({ id: `o${i}`, correct: o.correct, ...(o.fraction !== undefined ? { fraction: o.fraction } : {}) })), answers: q.answers, caseSensitive: q.caseSensitive };
}
/** The fraction Themis gives choosing these options (by their text). */
const choose = (q: DraftQuestion, ...texts: string[]) => questionFraction(gradable(q), { questionId: q.id, optionIds: texts.map((t) => `o${q.options.findIndex((o) => o.text === t)}`) });

describe('Moodle XML import of Moodle\'s own test fixtures (question/format/xml/tests)', () => {
  it('reads the xmlformat_test.php questions as Moodle does, and refuses essay, description and cloze by number and name', () => {
    const sut = moodleXmlToDraftQuestions(fixture('xmlformat_test_questions.xml'), []);
    expect(sut.questions).toEqual([
      {
        id: 'matching-question', type: 'matching', category: null, prompt: 'Match the upper and lower case letters.',
        explanation: 'The answer is A -> a, B -> b and C -> c.\n\nIf your answer is right: Well done.\n\nIf your answer is partly right: Not entirely.\n\nIf your answer is wrong: Completely wrong!',
        pairs: [{ stem: 'A', match: 'a' }, { stem: 'B', match: 'b' }, { stem: 'C', match: 'c' }], options: [{ text: 'd', correct: false }], tags: ['tagmatching', 'tagtest'],
      },
      {
        id: 'multiple-choice-question', type: 'multiple', category: null, prompt: 'Which are the even numbers?',
        explanation: 'The even numbers are 2 and 4.\n\nIf your answer is right: Your answer is correct.\n\nIf your answer is partly right: Your answer is partially correct.\n\nIf your answer is wrong: Your answer is incorrect.',
        options: [{ text: '1', correct: false, fraction: 0 }, { text: '2', correct: true, fraction: 1 }, { text: '3', correct: false, fraction: 0 }, { text: '4', correct: true, fraction: 1 }],
      },
      {
        id: 'numerical-question', type: 'numerical', category: null, prompt: 'What is the answer?', options: [],
        explanation: 'General feedback: Think Hitch-hikers guide to the Galaxy.\n\n“42”: Well done!\n\n“13”: What were you thinking?!\n\n“*”: Completely wrong.',
        answers: [{ value: 42, tolerance: 0.001, fraction: 1, feedback: 'Well done!' }, { value: 13, tolerance: 1, fraction: 0, feedback: 'What were you thinking?!' }],
      },
      {
        id: 'short-answer-question', type: 'short_answer', category: null, prompt: 'Fill in the gap in this sequence: Alpha, ________, Gamma.', options: [],
        explanation: 'The answer is Beta.\n\n“Beta”: Well done!\n\n“*”: Doh!',
        answers: [{ text: 'Beta', fraction: 1, feedback: 'Well done!' }, { text: '*', fraction: 0, feedback: 'Doh!' }],
      },
      {
        id: 'true-false-question', type: 'true_false', category: null, prompt: 'The answer is true.', options: [], answer: true,
        explanation: 'General feedback: You should have chosen true.\n\nIf you answered true: Well done!\n\nIf you answered false: Doh!',
      },
    ]);
    expect(sut.problems.map((p) => [p.question, p.name, p.code, p.params])).toEqual([
      [6, 'An essay', 'unsupported_type', { type: 'essay' }],
      [7, 'A description', 'unsupported_type', { type: 'description' }],
      [8, 'Simple multianswer', 'unsupported_type', { type: 'cloze' }],
    ]);
    expect(sut.problems[0]!.message).toBe('question 6 "An essay": Moodle\'s "essay" questions are not a type Themis has (multiple choice, true/false, matching, short answer, numerical)');
  });

  it('grades them as Moodle grades them (question/type/*/question.php)', () => {
    const [matching, multi, numerical, short, tf] = moodleXmlToDraftQuestions(fixture('xmlformat_test_questions.xml'), []).questions as DraftQuestion[];
    // Matching: the share of subquestions matched rightly; "d" is only a distractor.
    const stems = gradable(matching!).stems!;
    const m = (...picks: string[]) => questionFraction(gradable(matching!), { questionId: 'm', pairs: picks.map((p, i) => ({ stemId: stems[i]!.id, optionId: `o${['a', 'b', 'c', 'd'].indexOf(p)}` })) });
    expect(m('a', 'b', 'c')).toBe(1);
    expect(m('a', 'b', 'd')).toBeCloseTo(2 / 3, 9);
    expect(m('d', 'd', 'd')).toBe(0);
    // multichoice_multi: the sum of the chosen answers' fractions, kept within 0..1. Moodle gives 2 alone full marks here (its grades add up to 200%).
    expect(choose(multi!, '2', '4')).toBe(1);
    expect(choose(multi!, '2')).toBe(1);
    expect(choose(multi!, '1', '3')).toBe(0);
    // Numerical: the first answer whose tolerance holds the value; "*" gives no credit.
    const n = (value: number) => questionFraction(gradable(numerical!), { questionId: 'n', value });
    expect([n(42), n(42.001), n(41.9989), n(13.5), n(7)]).toEqual([1, 1, 0, 0, 0]);
    // Short answer, case ignored (usecase 0): "beta" is right, anything else matches "*" for nothing.
    const s = (text: string) => questionFraction(gradable(short!), { questionId: 's', text });
    expect([s('Beta'), s(' beta '), s('Gamma')]).toEqual([1, 1, 0]);
    expect(questionFraction(gradable(tf!), { questionId: 't', optionIds: ['true'] })).toBe(1);
    expect(questionFraction(gradable(tf!), { questionId: 't', optionIds: ['false'] })).toBe(0);
  });

  it('refuses a grade Moodle does not allow, as Moodle refuses error_invalid_grades.xml', () => {
    const sut = readMoodleXml(fixture('error_invalid_grades.xml'));
    expect(sut.questions).toEqual([]);
    expect(sut.problems).toEqual([expect.objectContaining({ question: 1, name: 'Question with invalid grades : x > 1 & x < 2', code: 'invalid_grade', params: { grade: '33' } })]);
  });

  it('grades negative weights as Moodle does, once the grade is one Moodle allows', () => {
    const [q] = moodleXmlToDraftQuestions(fixture('error_invalid_grades.xml').replace('fraction="33"', 'fraction="33.33333"'), []).questions;
    expect(q!.options.map((o) => [o.text, o.correct, o.fraction])).toEqual([['1', false, -0.5], ['2', true, 0.3333333], ['3', true, 0.3333333], ['4', false, -0.5], ['5', true, 0.3333333]]);
    expect(choose(q!, '2', '3', '5')).toBeCloseTo(1, 6);
    expect(choose(q!, '2', '3', '5', '4')).toBeCloseTo(0.5, 6);
    expect(choose(q!, '2')).toBeCloseTo(1 / 3, 6);
    // 1/3 - 1/2 < 0: the floor at zero.
    expect(choose(q!, '1', '2')).toBe(0);
  });

  it('reads multichoice.xml: HTML as its text, images as [alt], and says the embedded files were left out', () => {
    const sut = moodleXmlToDraftQuestions(fixture('multichoice.xml'), []);
    expect(sut.problems).toEqual([]);
    const [q] = sut.questions;
    expect(q).toMatchObject({ id: 'greeting', type: 'single', category: 'Default for testhead/Multichoice', prompt: 'Listen to this greeting:\n\nWhat language is being spoken?' });
    expect(q!.options).toEqual([
      { text: '[British Flag] English', correct: false, feedback: 'Sorry, listen again.' },
      { text: '[French flag] French', correct: true, feedback: 'Yes, well done!' },
      { text: '[German flag] German', correct: false, feedback: 'Sorry, listen again.' },
      { text: '[Denmark flag] Danish', correct: false, feedback: 'Sorry, listen again.' },
    ]);
    expect(choose(q!, '[French flag] French')).toBe(1);
    expect(choose(q!, '[German flag] German')).toBe(0);
    expect(sut.changed).toEqual([expect.objectContaining({ question: 1, name: 'Greeting', code: 'files_dropped', params: { files: 'bonjour.mp3, flag-uk.jpg, flag-france.jpg, flag-german.jpg, flag-denmark.jpg', count: 5 } })]);
  });

  it('reads nested categories and refuses the essay among them by number and name', () => {
    const sut = moodleXmlToDraftQuestions(fixture('nested_categories_with_questions.xml'), []);
    expect(sut.questions.map((q) => [q.id, q.category, q.type, q.answer])).toEqual([
      ['iota-question', 'Iota', 'true_false', true],
      ['kappa-question', 'Iota/Kappa', 'true_false', true],
      ['lambda-question', 'Iota/Kappa/Lambda', 'true_false', true],
      ['mu-question', 'Iota/Mu', 'true_false', true],
    ]);
    expect(sut.problems).toEqual([expect.objectContaining({ question: 2, name: 'Kappa Essay Question', code: 'unsupported_type', params: { type: 'essay' } })]);
  });

  it('reads Moodle 1.9 questions: refuses the cloze one, keeps the multichoice without its old <image>', () => {
    const sut = moodleXmlToDraftQuestions(fixture('sample_questions_with_old_image_tag.xml'), []);
    expect(sut.problems).toEqual([expect.objectContaining({ question: 1, name: 'cloze question with image', code: 'unsupported_type', params: { type: 'cloze' } })]);
    expect(sut.questions).toEqual([expect.objectContaining({ id: 'mcq-with-image', type: 'single', options: [{ text: 'wrong answer', correct: false }, { text: 'another wrong answer', correct: false }, { text: 'right answer', correct: true }] })]);
    expect(sut.changed).toEqual([expect.objectContaining({ question: 2, code: 'files_dropped', params: { files: 'moodle.png', count: 1 } })]);
  });
});

describe('Moodle XML text formats and refusals', () => {
  const one = (body: string, type = 'multichoice') => `<?xml version="1.0"?><quiz><question type="${type}"><name><text>Q</text></name>${body}</question></quiz>`;

  it('keeps markdown and plain text as written, and reads moodle_auto_format as HTML only when it holds some', () => {
    const text = (fmt: string, t: string) => readMoodleXml(one(`<questiontext format="${fmt}"><text><![CDATA[${t}]]></text></questiontext><answer fraction="100"><text>true</text></answer>`, 'truefalse')).questions[0]!.prompt;
    expect(text('markdown', '**Salduz** v. Turkey, *§ 55*')).toBe('**Salduz** v. Turkey, *§ 55*');
    expect(text('plain_text', 'a < b & c\nsecond line')).toBe('a < b & c\nsecond line');
    expect(text('moodle_auto_format', 'Plain, with a < sign')).toBe('Plain, with a < sign');
    expect(text('moodle_auto_format', '<p>One</p><p>Two &amp; three</p>')).toBe('One\n\nTwo & three');
    expect(text('html', '<p>Статья 6 <b>ЕКПЧ</b> — Maddə 6</p>')).toBe('Статья 6 ЕКПЧ — Maddə 6');
  });

  it('reads usecase as case-sensitive short answer, and numerical units that change nothing', () => {
    const sa = readMoodleXml(one('<questiontext format="plain_text"><text>Court?</text></questiontext><usecase>1</usecase><answer fraction="100"><text>ECHR</text></answer>', 'shortanswer')).questions[0]!;
    expect(sa).toMatchObject({ type: 'short_answer', caseSensitive: true, answers: [{ text: 'ECHR', fraction: 1 }] });
    const num = readMoodleXml(one('<questiontext><text>Year?</text></questiontext><answer fraction="100"><text>1950</text><tolerance>0</tolerance></answer><answer fraction="50"><text>1950</text><tolerance>2</tolerance></answer><units><unit><multiplier>1</multiplier><unit_name>AD</unit_name></unit></units><unitgradingtype>0</unitgradingtype>', 'numerical')).questions[0]!;
    expect(num.answers).toEqual([{ value: 1950, fraction: 1 }, { value: 1950, tolerance: 2, fraction: 0.5 }]);
  });

  it('refuses what it cannot represent, by question number and name, and goes on with the next question', () => {
    const xml = `<?xml version="1.0"?><quiz>
      <question type="numerical"><name><text>Units</text></name><questiontext><text>Distance?</text></questiontext><answer fraction="100"><text>5</text></answer><units><unit><multiplier>1000</multiplier><unit_name>m</unit_name></unit></units></question>
      <question type="numerical"><name><text>Any</text></name><questiontext><text>Any?</text></questiontext><answer fraction="100"><text>*</text></answer></question>
      <question type="numerical"><name><text>NaN</text></name><questiontext><text>N?</text></questiontext><answer fraction="100"><text>five</text></answer></question>
      <question type="calculatedsimple"><name><text>Calc</text></name><questiontext><text>{a}+{b}?</text></questiontext></question>
      <question type="truefalse"><name><text>No text</text></name><questiontext><text> </text></questiontext><answer fraction="100"><text>true</text></answer></question>
      <question type="multichoice"><name><text>No credit</text></name><questiontext><text>Pick</text></questiontext><answer fraction="0"><text>a</text></answer><answer fraction="-50"><text>b</text></answer></question>
      <question type="truefalse"><name><text>Fine</text></name><questiontext><text>Fine?</text></questiontext><answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer></question>
    </quiz>`;
    const sut = readMoodleXml(xml);
    expect(sut.problems.map((p) => [p.question, p.name, p.code])).toEqual([[1, 'Units', 'units'], [2, 'Any', 'numerical_any'], [3, 'NaN', 'bad_number'], [4, 'Calc', 'unsupported_type'], [5, 'No text', 'no_text'], [6, 'No credit', 'no_right_answer']]);
    expect(sut.questions).toEqual([expect.objectContaining({ number: 7, name: 'Fine', answer: false })]);
  });

  it('refuses a file that is not Moodle XML with a 400 naming xml: malformed, with a DOCTYPE (no entity expansion), or without <quiz>', () => {
    const refusal = (xml: string) => {
      try {
        readMoodleXml(xml);
      } catch (err) {
        return err instanceof DomainError ? { field: err.details?.['field'], reason: (err.details?.['moodleXml'] as { reason: string }).reason, message: err.message } : err;
      }
      return 'accepted';
    };
    expect(refusal('<quiz><question type="truefalse"></quiz>')).toMatchObject({ field: 'xml', reason: 'malformed', message: expect.stringMatching(/line 1/) });
    expect(refusal('<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>')).toMatchObject({ field: 'xml', reason: 'doctype' });
    expect(refusal('<?xml version="1.0"?><questions/>')).toMatchObject({ field: 'xml', reason: 'no_quiz' });
    expect(refusal('GIFT, not XML {T}')).toMatchObject({ field: 'xml' });
  });
});

describe(writeMoodleXml.name, () => {
  const native: (DraftQuestion & { category?: string | null })[] = [
    { id: 'salduz-access', type: 'single', prompt: 'When must access to a lawyer be given?\nUnder Salduz.', explanation: 'Salduz v. Turkey (GC), 2008, § 55.', options: [{ text: 'From the first interrogation', correct: true, feedback: 'Yes.' }, { text: 'At trial', correct: false }, { text: 'Partly: when charged', correct: false, fraction: 0.5 }], tags: ['article-6'], module: 'basics', scenario: true },
    { id: 'all-that-apply', type: 'multiple', prompt: 'Which are Article 6 rights? <all>', explanation: 'Fair trial & more.', options: [{ text: 'A lawyer', correct: true }, { text: 'An interpreter', correct: true }, { text: 'A jury', correct: false }] },
    { id: 'weighted', type: 'multiple', prompt: 'Weighted', explanation: 'E', options: [{ text: 'x', correct: true, fraction: 0.5 }, { text: 'y', correct: true, fraction: 0.5 }, { text: 'z', correct: false, fraction: -1 }] },
    { id: 'statement', type: 'true_false', prompt: 'Strasbourg is the seat.', explanation: 'It is.', options: [], answer: true },
    { id: 'match', type: 'matching', prompt: 'Match', explanation: 'E', pairs: [{ stem: 'Salduz', match: 'Art. 6' }, { stem: 'Beuze', match: 'Art. 6' }, { stem: 'Öcalan', match: 'Art. 5' }], options: [{ text: 'Art. 3', correct: false }] },
    { id: 'case', type: 'short_answer', prompt: 'Which case?', explanation: 'Salduz.', options: [], answers: [{ text: 'Salduz*', fraction: 1, feedback: 'Right.' }, { text: 'Beuze', fraction: 0.5 }], caseSensitive: true },
    { id: 'year', type: 'numerical', prompt: 'Which year?', explanation: '1950.', options: [], answers: [{ value: 1950, fraction: 1 }, { value: 1950, tolerance: 2, fraction: 0.5, feedback: 'Close.' }] },
  ];

  it('writes what Themis reads back as it was: every type, weights, feedback, case rule, tolerance, tags, module and scenario', () => {
    const xml = writeMoodleXml('essentials/quiz', native);
    const back = moodleXmlToDraftQuestions(xml, []);
    expect(back.problems).toEqual([]);
    expect(back.changed).toEqual([]);
    expect(back.questions.map(({ category, ...q }) => { expect(category).toBe('essentials/quiz'); return q; })).toEqual(native);
  });

  it('writes imported Moodle questions back so they import again unchanged', () => {
    const first = moodleXmlToDraftQuestions(fixture('xmlformat_test_questions.xml') + '', []).questions.map(({ category: _c, ...q }) => q);
    const again = moodleXmlToDraftQuestions(writeMoodleXml('x', first), []).questions.map(({ category: _c, ...q }) => q);
    expect(again).toEqual(first);
  });

  it('writes Moodle\'s own form: plain_text, grades in percent, all or nothing as shares of ±100%, extra matches as empty subquestions', () => {
    const xml = writeMoodleXml('c', native);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<quiz>/);
    expect(xml).toContain('<text>$course$/c</text>');
    expect(xml).toContain('<text>Which are Article 6 rights? &lt;all&gt;</text>');
    expect(xml).toMatch(/<answer fraction="50" format="plain_text">\s*<text>A lawyer<\/text>/);
    expect(xml).toMatch(/<answer fraction="-100" format="plain_text">\s*<text>A jury<\/text>/);
    expect(xml).toContain('<!-- themis: exported; all-or-nothing -->');
    expect(xml).toMatch(/<subquestion format="plain_text">\s*<text><\/text>\s*<answer>\s*<text>Art. 3<\/text>/);
    expect(xml).toContain('<usecase>1</usecase>');
    expect(xml).toMatch(/<text>1950<\/text>[\s\S]*?<tolerance>2<\/tolerance>/);
  });
});

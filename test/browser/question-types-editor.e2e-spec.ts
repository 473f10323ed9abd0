import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, SCREENSHOTS } from './browser-support';

jest.setTimeout(300_000);

/**
 * Issue 21 item 4 in the editor: a trainer writes a matching, a short-answer and a numerical
 * question and gives a multiple-answer one weights, on the plain quiz form (script off, as the form
 * must work without it), publishes, and a learner's attempt is graded as Moodle grades them.
 */
describe('Editor forms for matching, short-answer and numerical questions and weights', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let trainer: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchChromium();
    trainer = await loginAs(t, 'trainer', { fullName: 'Aygün Həsənova' });
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: 'themis_session', value: trainer.token, url: t.url }]);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  const quizPage = `/staff/authoring/path-course/quizzes/basics-quiz`;
  const save = () => Promise.all([page.waitForEvent('load'), page.click('#save-quiz')]);
  /** The blank question at the end of the form: its index is the number of questions so far. */
  const blank = async () => (await page.locator('fieldset.question-editor').count()) - 1;

  it('creates one question of each new type through the page, and the attempt is graded as Moodle grades it', async () => {
    await request(t.url).post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
    await page.goto(`${t.url}${quizPage}`);

    // Weights on the existing multiple-answer question (index 1): 50 % each right one, −100 % the wrong one.
    await page.fill('#q-1-o-0-weight', '50');
    await page.fill('#q-1-o-1-weight', '50');
    await page.fill('#q-1-o-2-weight', '-100');
    await save();

    let i = await blank();
    await page.selectOption(`#q-${i}-type`, 'matching');
    await page.fill(`#q-${i}-prompt`, 'Match each judgment with the article it applied.');
    await page.fill(`#q-${i}-explanation`, 'Salduz and Beuze: Article 6; Öcalan: Article 5.');
    await page.click(`#q-${i}-pairs-section > summary`);
    await page.fill(`#q-${i}-p-0-stem`, 'Salduz v. Turkey');
    await page.fill(`#q-${i}-p-0-match`, 'Article 6');
    await page.fill(`#q-${i}-p-1-stem`, 'Öcalan v. Turkey');
    await page.fill(`#q-${i}-p-1-match`, 'Article 5');
    await page.fill(`#q-${i}-o-0-text`, 'Article 3');
    await save();
    // Three pairs need a third row: the saved question offers spare rows again.
    await page.fill(`#q-${i}-p-2-stem`, 'Beuze v. Belgium');
    await page.fill(`#q-${i}-p-2-match`, 'Article 6');
    await save();

    i = await blank();
    await page.selectOption(`#q-${i}-type`, 'short_answer');
    await page.fill(`#q-${i}-prompt`, 'Which judgment set the rule of access to a lawyer from the first interrogation?');
    await page.fill(`#q-${i}-explanation`, 'Salduz v. Turkey (GC), 2008.');
    await page.click(`#q-${i}-answers-section > summary`);
    await page.fill(`#q-${i}-a-0-text`, 'Salduz*');
    await page.fill(`#q-${i}-a-1-text`, 'Beuze');
    await page.fill(`#q-${i}-a-1-weight`, '25');
    await save();

    i = await blank();
    await page.selectOption(`#q-${i}-type`, 'numerical');
    await page.fill(`#q-${i}-prompt`, 'In which year was the Convention signed?');
    await page.fill(`#q-${i}-explanation`, 'Rome, 4 November 1950.');
    await page.click(`#q-${i}-answers-section > summary`);
    await page.fill(`#q-${i}-a-0-text`, '1950');
    await page.fill(`#q-${i}-a-1-text`, '1950');
    await page.fill(`#q-${i}-a-1-tolerance`, '2');
    await page.fill(`#q-${i}-a-1-weight`, '50');
    await save();
    // A weight out of range is refused next to its field, and nothing is saved.
    await page.fill(`#q-${i}-a-1-weight`, '150');
    await save();
    expect(await page.getAttribute(`#q-${i}-a-1-weight`, 'aria-invalid')).toBe('true');
    expect(await page.locator(`#q-${i}-a-1-weight-error`).textContent()).toContain('−100');
    await page.goto(`${t.url}${quizPage}`);

    const { body: draft } = await request(t.url).get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(200);
    const questions = draft.content.modules[0].quiz.questions;
    expect(questions.slice(1)).toEqual([
      expect.objectContaining({ id: 'q-multiple', options: [{ text: 'Right A', correct: true, fraction: 0.5 }, { text: 'Right B', correct: true, fraction: 0.5 }, { text: 'Wrong C', correct: false, fraction: -1 }] }),
      expect.objectContaining({ id: 'q-true-false' }),
      expect.objectContaining({ type: 'matching', pairs: [{ stem: 'Salduz v. Turkey', match: 'Article 6' }, { stem: 'Öcalan v. Turkey', match: 'Article 5' }, { stem: 'Beuze v. Belgium', match: 'Article 6' }], options: [{ text: 'Article 3', correct: false }] }),
      expect.objectContaining({ type: 'short_answer', answers: [{ text: 'Salduz*', fraction: 1 }, { text: 'Beuze', fraction: 0.25 }] }),
      expect.objectContaining({ type: 'numerical', answers: [{ value: 1950, fraction: 1 }, { value: 1950, tolerance: 2, fraction: 0.5 }] }),
    ]);
    expect(draft.problems).toEqual([]);

    const violations: string[] = [];
    for (const locale of ['en', 'az', 'ru'] as const) {
      await t.db.query(`UPDATE users SET locale = $1 WHERE id = $2`, [locale, trainer.id]);
      await page.goto(`${t.url}${quizPage}`);
      if (await overflowsAt360(page)) violations.push(`${locale}: scrolls sideways at 360 px`);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await page.locator('#question-4').screenshot({ path: path.join(SCREENSHOTS, `authoring-question-matching-${locale}-${width}.png`) });
        await page.locator('#question-6').screenshot({ path: path.join(SCREENSHOTS, `authoring-question-numerical-${locale}-${width}.png`) });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [trainer.id]);
    const withScript = await browser.newContext();
    await withScript.addCookies([{ name: 'themis_session', value: trainer.token, url: t.url }]);
    const axePage = await withScript.newPage();
    await axePage.goto(`${t.url}${quizPage}`);
    violations.push(...(await axeViolations(axePage, 'authoring-quiz-question-types')));
    await withScript.close();
    expect(violations).toEqual([]);

    await request(t.url).post('/api/v1/author/courses/path-course/draft/publication').set(trainer.auth).send({ revision: draft.revision }).expect(201);

    const learner = new LearnerPath(t, await loginAs(t, 'learner'));
    await learner.enroll('path-course');
    await learner.completeAllLessons('path-course');
    const attempt = await request(t.url).post('/api/v1/courses/path-course/quizzes/basics-quiz/attempts?lang=en').set(learner.user.auth).expect(201);
    // Question ids in an attempt are the stored ones: found by their prompt, as the draft wrote them.
    type Shown = { id: string; prompt: string; options: { id: string; text: string }[]; stems?: { id: string; text: string }[] };
    const byKey = new Map<string, Shown>(questions.map((q: { id: string; prompt: string }) => [q.id, (attempt.body.questions as Shown[]).find((s) => s.prompt === q.prompt)!]));
    const idOf = (key: string) => byKey.get(key)!.id;
    const option = (key: string, text: string) => byKey.get(key)!.options.find((o) => o.text === text)!.id;
    const [matching, short, numerical] = [questions[3].id, questions[4].id, questions[5].id] as string[];
    const stem = (text: string) => byKey.get(matching!)!.stems!.find((s) => s.text === text)!.id;
    const answers = [
      { questionId: idOf('q-single'), optionIds: [option('q-single', 'Right')] },
      { questionId: idOf('q-multiple'), optionIds: [option('q-multiple', 'Right A')] },
      { questionId: idOf('q-true-false'), optionIds: [option('q-true-false', 'True')] },
      // Two of three matched rightly.
      { questionId: idOf(matching!), pairs: [{ stemId: stem('Salduz v. Turkey'), optionId: option(matching!, 'Article 6') }, { stemId: stem('Öcalan v. Turkey'), optionId: option(matching!, 'Article 5') }, { stemId: stem('Beuze v. Belgium'), optionId: option(matching!, 'Article 3') }] },
      { questionId: idOf(short!), text: 'salduz v. turkey' },
      { questionId: idOf(numerical!), value: 1951.5 },
    ];
    const graded = await request(t.url).post(`/api/v1/attempts/${attempt.body.attemptId}/submission`).set(learner.user.auth).send({ answers }).expect(200);
    // (1 + 0.5 + 1 + 2/3 + 1 + 0.5) / 6 = 77.8 %: passed, so the review shows each fraction.
    expect(graded.body).toMatchObject({ score: 78, passed: true });
    expect(Object.fromEntries(graded.body.results.map((r: { questionId: string; fraction: number }) => [r.questionId, r.fraction]))).toEqual({
      [idOf('q-single')]: 1, [idOf('q-multiple')]: 0.5, [idOf('q-true-false')]: 1, [idOf(matching!)]: 0.66667, [idOf(short!)]: 1, [idOf(numerical!)]: 0.5,
    });
  });
});

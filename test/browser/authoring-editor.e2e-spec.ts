import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, loginAs, TestApp } from '@themis/testing';
import * as path from 'node:path';
import { axeViolations, launchChromium, overflowsAt360, screenshots, SCREENSHOTS } from './browser-support';

// A whole journey in Chromium outlasts the suite's default timeout on a busy 2-core runner.
jest.setTimeout(240_000);

/**
 * The editor's pages: plain forms, field errors re-rendered by the server, publishing, and the new
 * version in the diff. Every page is checked with axe (which needs a script-enabled page); the
 * last test repeats a save with JavaScript switched off.
 */
describe('Course editor pages', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let trainerLogin: { email: string; password: string };
  const violations: string[] = [];
  const check = async (name: string) => {
    violations.push(...(await axeViolations(page, name)));
    if (await overflowsAt360(page)) violations.push(`${name}: scrolls sideways at 360 px`);
    await screenshots(page, name);
  };
  const submit = (selector: string) => Promise.all([page.waitForEvent('load'), page.click(selector)]);

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchChromium();
    const trainer = await loginAs(t, 'trainer', { fullName: 'Aygün Həsənova' });
    trainerLogin = trainer;
    context = await browser.newContext();
    page = await signIn(context);
  });
  const signIn = async (c: BrowserContext) => {
    const p = await c.newPage();
    p.setDefaultTimeout(15_000);
    await p.goto(`${t.url}/sign-in`);
    await p.fill('#email', trainerLogin.email);
    await p.fill('#password', trainerLogin.password);
    await Promise.all([p.waitForEvent('load'), p.click('form[action="/sign-in"] button[type="submit"]')]);
    return p;
  };
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('reaches the editor from the staff course list and refuses a bad course name next to the field', async () => {
    await page.goto(`${t.url}/staff/courses`);
    await Promise.all([page.waitForEvent('load'), page.click('a[href="/staff/authoring"]')]);
    expect(page.url()).toBe(`${t.url}/staff/authoring`);
    await page.fill('#new-slug', 'Not A Slug');
    await page.fill('#new-title', 'Право на защиту');
    await submit('form[action="/staff/authoring/courses"] button');
    expect(await page.locator('#new-slug-error').textContent()).toContain('lower-case letters');
    expect(await page.getAttribute('#new-slug', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#new-title')).toBe('Право на защиту');
    await check('authoring-index-errors');
  });

  it('creates a new course draft, and publishing it lists what is missing', async () => {
    await page.fill('#new-slug', 'right-to-defence');
    await submit('form[action="/staff/authoring/courses"] button');
    expect(page.url()).toBe(`${t.url}/staff/authoring/right-to-defence`);
    expect(await page.inputValue('#title')).toBe('Право на защиту');
    await submit('#publish-button');
    expect(await page.locator('#conflict').textContent()).toContain('not published');
    expect(await page.locator('#problems li').count()).toBeGreaterThan(0);
    await check('authoring-draft-problems');
  });

  it('edits the course metadata and a quiz question of a published course, publishes, and shows the new version in the diff', async () => {
    await page.goto(`${t.url}/staff/authoring`);
    await submit('form[action="/staff/authoring/path-course/draft"] button');
    expect(page.url()).toBe(`${t.url}/staff/authoring/path-course`);

    // Course metadata: a bad number is refused next to its field, with what was typed kept.
    await page.fill('#title', 'Path course, revised');
    await page.fill('#cle-skills', 'two');
    await submit('#save-course');
    expect(await page.locator('#cle-skills-error').textContent()).toContain('number');
    expect(await page.inputValue('#title')).toBe('Path course, revised');
    await page.fill('#cle-skills', '0.5');
    await page.fill('#validityMonths', '36');
    await submit('#save-course');
    expect(page.url()).toContain('saved=1');
    expect(await page.inputValue('#title')).toBe('Path course, revised');
    expect(await page.inputValue('#cle-skills')).toBe('0.5');

    await page.goto(`${t.url}/staff/authoring/path-course/modules/basics`);
    await check('authoring-module');

    await page.goto(`${t.url}/staff/authoring/path-course/quizzes/basics-quiz`);
    await page.fill('#passMark', '150');
    await page.fill('#q-0-prompt', 'Which article guarantees a fair trial?');
    await submit('#save-quiz');
    expect(await page.locator('#passMark-error').textContent()).toContain('whole number');
    expect(await page.inputValue('#q-0-prompt')).toBe('Which article guarantees a fair trial?');
    await page.fill('#passMark', '80');
    await submit('#save-quiz');
    expect(page.url()).toContain('saved=1');
    expect(await page.inputValue('#q-0-prompt')).toBe('Which article guarantees a fair trial?');
    expect(await page.inputValue('#passMark')).toBe('80');
    await check('authoring-quiz');
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('#question-1').screenshot({ path: path.join(SCREENSHOTS, `authoring-quiz-question-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${t.url}/staff/authoring/path-course`);
    expect(await page.locator('#problems').count()).toBe(0);
    await submit('#publish-button');
    expect(await page.locator('#published').textContent()).toContain('version 2');
    await check('authoring-index');

    await Promise.all([page.waitForEvent('load'), page.click('#published a')]);
    expect(await page.locator('#diff-heading').textContent()).toContain('1 → ');
    expect(await page.locator('#diff-course').locator('..').textContent()).toContain('Title');
    expect((await page.locator('#diff-course').locator('..').locator('ins').allTextContents()).join(' ')).toContain(', revised');
    expect(await page.locator('#diff-questions').locator('..').textContent()).toContain('Which article guarantees a fair trial?');
    await check('authoring-diff');
    // Without a choice the diff compares the two newest versions.
    await page.goto(`${t.url}/staff/authoring/path-course/diff`);
    expect([await page.inputValue('#from'), await page.inputValue('#to')]).toEqual(['1', '2']);

    // Downloads linked from the pages work under the session cookie (a browser sends no Bearer token).
    const zip = await page.request.get(`${t.url}/staff/authoring/path-course/archive?version=2`);
    expect([zip.status(), zip.headers()['content-type']]).toEqual([200, 'application/zip']);
    expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');
    const gift = await page.request.get(`${t.url}/staff/authoring/path-course/quizzes/basics-quiz/gift?version=2`);
    expect(await gift.text()).toContain('Which article guarantees a fair trial?');
    await page.goto(`${t.url}/staff/reports/path-course`);
    const csv = await page.request.get(`${t.url}${await page.getAttribute('a[href*="report.csv"]', 'href')}`);
    expect([csv.status(), csv.headers()['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
  });

  it('imports GIFT questions into a quiz and a zip of course folders through the upload forms', async () => {
    await page.goto(`${t.url}/staff/authoring`);
    await submit('form[action="/staff/authoring/path-course/draft"] button');
    await page.goto(`${t.url}/staff/authoring/path-course/quizzes/basics-quiz`);
    const gift = '::art5::Article 5 protects liberty and security. {TRUE}\n\n::numeric::What year was the Convention signed? {#1950}\n';
    await page.setInputFiles('#gift-file', { name: 'questions.gift', mimeType: 'text/plain', buffer: Buffer.from(gift) });
    await submit('form[action*="/gift"] button');
    expect(await page.locator('#gift-result').textContent()).toMatch(/2 question\(s\) added/);
    expect(await page.locator('textarea[name$=".prompt"]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).toContain('Article 5 protects liberty and security.');
    await check('authoring-quiz-gift');

    const zip = await (await page.request.get(`${t.url}/staff/authoring/path-course/archive?version=2`)).body();
    await page.goto(`${t.url}/staff/authoring`);
    await page.setInputFiles('#archive-file', { name: 'path-course.zip', mimeType: 'application/zip', buffer: zip });
    await submit('form[action^="/staff/authoring/archives"] button');
    expect(await page.locator('#imported').textContent()).toMatch(/path-course[\s\S]*2/);
    await page.setInputFiles('#archive-file', { name: 'not-a.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await submit('form[action^="/staff/authoring/archives"] button');
    expect(await page.locator('#archive-file-error').textContent()).toBe('The file is not a zip archive.');
    await check('authoring-index-zip-error');
  });

  it('works without JavaScript: a quiz question saved through the plain form', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const p = await signIn(noScript);
    await p.goto(`${t.url}/staff/authoring`);
    // The draft the upload test opened, or a new one.
    if (await p.locator('form[action="/staff/authoring/path-course/draft"]').count()) await Promise.all([p.waitForEvent('load'), p.click('form[action="/staff/authoring/path-course/draft"] button')]);
    await p.goto(`${t.url}/staff/authoring/path-course/quizzes/basics-quiz`);
    const last = (await p.locator('fieldset.question-editor').count()) - 1;
    await p.fill(`#q-${last}-prompt`, 'Is Article 6 limited to criminal cases?');
    await p.selectOption(`#q-${last}-type`, 'true_false');
    await p.check(`#q-${last}-answer-false`);
    await p.fill(`#q-${last}-explanation`, 'It also covers civil rights and obligations.');
    await Promise.all([p.waitForEvent('load'), p.click('#save-quiz')]);
    expect(p.url()).toContain('saved=1');
    expect(await p.inputValue(`#q-${last}-prompt`)).toBe('Is Article 6 limited to criminal cases?');
    expect(await p.isChecked(`#q-${last}-answer-false`)).toBe(true);
    await noScript.close();
  });

  it('passes axe on every editor page', () => {
    expect(violations).toEqual([]);
  });
});

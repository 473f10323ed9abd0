import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, FIXTURE_COURSES, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

jest.setTimeout(300_000);

/** The texts of a section's diffs as they read before (without the insertions) or after (without the deletions). */
const sideTexts = (page: Page, section: string, side: 'before' | 'after'): Promise<string[]> =>
  page.evaluate<string[]>(`Array.from(document.getElementById(${JSON.stringify(section)}).parentElement.querySelectorAll('.diff-text')).map((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.visually-hidden, ${side === 'before' ? 'ins' : 'del'}').forEach((n) => n.remove());
    return copy.textContent;
  })`);

/**
 * Issue 20, item 15: "See what changed" named fields only ("Changed — title, markdown"); it now shows
 * the text removed and added, escaped, on a phone, in three languages. The lesson editor's judgments
 * were a multiple <select>, where a plain click deselects all others; they are checkboxes now.
 */
describe('Editor: text diff and the judgments list', () => {
  let t: TestApp;
  let dir: string;
  let browser: Browser;
  let trainer: SignedInUser;
  const contexts: BrowserContext[] = [];
  const pageAs = async (user: SignedInUser): Promise<Page> => {
    const context = await browser.newContext();
    contexts.push(context);
    await context.addCookies([{ name: 'themis_session', value: user.token, url: t.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-editor-diff-'));
    fs.cpSync(FIXTURE_COURSES, dir, { recursive: true });
    // A second and third judgment, so that choosing several can be tried.
    fs.appendFileSync(path.join(dir, 'bibliography', 'cases.yaml'), [
      'ibrahim-and-others-v-uk:', '  name: Ibrahim and Others v. the United Kingdom', '  applicationNumbers: ["50541/08"]', '  judgmentDate: "2016-09-13"', '  formation: Grand Chamber', '  articles: ["6§1", "6§3(c)"]',
      'beuze-v-belgium:', '  name: Beuze v. Belgium', '  applicationNumbers: ["71409/10"]', '  judgmentDate: "2018-11-09"', '  formation: Grand Chamber', '  articles: ["6§1", "6§3(c)"]', '',
    ].join('\n'));
    [t, browser] = await Promise.all([createTestApp({ coursesDir: dir }), launchChromium()]);
    trainer = await loginAs(t, 'trainer');
    const api = () => request(t.url);
    await api().post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
    const lesson = await api().put('/api/v1/author/courses/path-course/draft/lessons/lesson-one').set(trainer.auth)
      .send({ revision: 1, markdown: 'The first lesson cites [@salduz-v-turkey] and <b>Ibrahim</b>.' }).expect(200);
    const content = lesson.body.content;
    const question = content.modules[0].quiz.questions[0];
    question.prompt = 'Pick the only right one.';
    question.options[1].text = 'Wrong, and <script>alert(1)</script>';
    await api().put('/api/v1/author/courses/path-course/draft').set(trainer.auth).send({ revision: 2, content }).expect(200);
    await api().post('/api/v1/author/courses/path-course/draft/publication').set(trainer.auth).send({ revision: 3 }).expect(201);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [locale, markdownLabel] of [['en', 'Text (Markdown)'], ['az', 'Mətn (Markdown)'], ['ru', 'Текст (Markdown)']] as const) {
    it(`shows the text removed and added in lessons, questions and options, escaped, in ${locale}`, async () => {
      await request(t.url).patch('/api/v1/me').set(trainer.auth).send({ locale }).expect(200);
      const page = await pageAs(trainer);
      await page.goto(`${t.url}/staff/authoring/path-course/diff?from=1&to=2`);
      const lessons = page.locator('#diff-lessons').locator('..');
      expect(await lessons.locator('.diff-field').allInnerTexts()).toContain(markdownLabel);
      expect(await lessons.locator('del').count()).toBeGreaterThan(0);
      expect(await lessons.locator('ins').count()).toBeGreaterThan(0);
      expect((await sideTexts(page, 'diff-lessons', 'before')).join('\n')).toContain("<script>alert('author html must never reach a page')</script>");
      expect((await sideTexts(page, 'diff-lessons', 'after')).join('\n')).toContain('[@salduz-v-turkey] and <b>Ibrahim</b>.');
      expect((await sideTexts(page, 'diff-questions', 'before')).join('\n')).toContain('Pick the right one.');
      const after = (await sideTexts(page, 'diff-questions', 'after')).join('\n');
      expect(after).toContain('Pick the only right one.');
      expect(after).toContain('Wrong, and <script>alert(1)</script>');
      // Escaped: what the author typed is text on the page, never markup.
      expect(await page.locator('main b, main script').count()).toBe(0);
      expect(await overflowsAt360(page)).toBe(false);
      expect(await axeViolations(page, `diff-${locale}`)).toEqual([]);
      await screenshots(page, `editor-diff-${locale}`);
    });
  }

  it('chooses several judgments with plain clicks in the lesson editor', async () => {
    await request(t.url).patch('/api/v1/me').set(trainer.auth).send({ locale: 'en' }).expect(200);
    await request(t.url).post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
    const page = await pageAs(trainer);
    await page.goto(`${t.url}/staff/authoring/path-course/lessons/lesson-two`);
    await page.click('input[name="cases"][value="ibrahim-and-others-v-uk"]');
    await page.click('input[name="cases"][value="beuze-v-belgium"]');
    expect(await page.locator('input[name="cases"]:checked').count()).toBe(2);
    await Promise.all([page.waitForEvent('load'), page.click('button[name="action"][value="save"]')]);
    const draft = await request(t.url).get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(200);
    const saved = draft.body.content.modules[0].lessons.find((l: { slug: string }) => l.slug === 'lesson-two');
    expect([...saved.cases].sort()).toEqual(['beuze-v-belgium', 'ibrahim-and-others-v-uk']);
    await page.goto(`${t.url}/staff/authoring/path-course/lessons/lesson-two`);
    expect(await page.locator('input[name="cases"]:checked').count()).toBe(2);
    // A click on a ticked one unticks only that one.
    await page.click('input[name="cases"][value="beuze-v-belgium"]');
    expect(await page.locator('input[name="cases"]:checked').count()).toBe(1);
    expect(await page.locator('input[name="cases"]:checked').getAttribute('value')).toBe('ibrahim-and-others-v-uk');
    expect(await overflowsAt360(page)).toBe(false);
    expect(await axeViolations(page, 'lesson-editor-cases')).toEqual([]);
    await screenshots(page, 'editor-lesson-cases');
  });
});

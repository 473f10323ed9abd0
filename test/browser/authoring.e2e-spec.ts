import { Browser, Page } from 'playwright-core';
import { createTestApp, LearnerPath, loginAs, TestApp } from '@themis/testing';
import { launchChromium, screenshots } from './browser-support';

// A whole journey in Chromium outlasts the suite's default timeout on a busy 2-core runner.
jest.setTimeout(240_000);

describe('Authoring in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchChromium();
    const learner = await loginAs(t);
    await new LearnerPath(t, learner).enroll('path-course');
    const trainer = await loginAs(t, 'trainer');
    page = await browser.newPage();
    await page.goto(`${t.url}/sign-in`);
    await page.fill('#email', trainer.email);
    await page.fill('#password', trainer.password);
    await Promise.all([page.waitForURL(/dashboard/), page.click('form[action="/sign-in"] button[type="submit"]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('previews a lesson live as learners will see it and autosaves the draft', async () => {
    await page.goto(`${t.url}/staff/authoring/path-course/lessons/lesson-one`);
    await page.fill('#markdown', '## Revised heading\n\nCiting [@salduz-v-turkey] here.');
    await page.locator('#preview h2', { hasText: 'Revised heading' }).waitFor();
    await page.locator('#preview cite.case-ref', { hasText: 'Salduz v. Turkey' }).waitFor();
    await page.locator('#autosave-status', { hasText: 'Draft saved (revision 2)' }).waitFor();
    await screenshots(page, 'authoring-lesson-editor');
  });

  it('shows the course report', async () => {
    await page.goto(`${t.url}/staff/reports/path-course`);
    expect(await page.locator('h1').textContent()).toContain('Course report');
    expect(await page.locator('.stats dd').first().textContent()).toBe('1');
    await screenshots(page, 'authoring-report');
  });
});

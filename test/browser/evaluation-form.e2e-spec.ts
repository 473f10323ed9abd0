import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { projectRoot } from '@themis/core';
import { UsersService } from '@themis/identity';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

jest.setTimeout(180_000);

const COURSE = 'evaluated-course';

describe('the course evaluation page', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ coursesDir: path.join(projectRoot, 'test', 'fixtures', 'evaluation-courses') });
    admin = await loginAs(t, 'admin');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it.each(['en', 'az', 'ru'] as const)('leads a learner (%s) from the course page through the form to the certificate, without script', async (locale) => {
    const learner = await loginAs(t, 'learner');
    await t.app.get(UsersService).updateProfile(learner.id, { locale });
    const p = new LearnerPath(t, learner);
    await p.enroll(COURSE);
    await p.completeAllLessons(COURSE);
    await p.passQuiz(COURSE, 'only-quiz', admin);
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: 'themis_session', value: learner.token, url: t.url }]);
    const page = await context.newPage();
    await page.goto(`${t.url}/courses/${COURSE}`);
    await page.locator('#evaluation-left a').click();
    await page.waitForURL(/\/evaluation$/);
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    if (locale === 'az') expect(await page.locator('h1').textContent()).toBe('Kursun qiymətləndirilməsi');
    await screenshots(page, `evaluation-form-${locale}`);
    expect(await overflowsAt360(page)).toBe(false);
    expect(await axeViolations(page, `evaluation ${locale}`)).toEqual([]);
    await page.locator('input[name="rating.relevance"][value="5"]').check();
    await page.locator('input[name="rating.clarity"][value="4"]').check();
    await page.locator('textarea[name="text.improve"]').fill('Больше практики — Aytən');
    await page.locator('form.evaluation-form button[type=submit]').click();
    await page.waitForURL(/sent=1/);
    expect(await page.locator('#evaluation-sent').count()).toBe(1);
    await screenshots(page, `evaluation-sent-${locale}`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
    await context.close();
  });
});

import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { createTestApp, LearnerPath, loginAs, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

// A whole journey in Chromium outlasts the suite's default timeout on a busy 2-core runner.
jest.setTimeout(240_000);

/** The learner's transcript in the browser, in Azerbaijani: reached from the dashboard, accessible, fits a phone. */
describe('Transcript page', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    const admin = await loginAs(t, 'admin');
    const learner = await loginAs(t, 'learner', { fullName: 'Rəşad Əliyev', barNumber: 'AZ-0815' });
    const path = new LearnerPath(t, learner);
    await path.enroll('path-course');
    await path.completeAllLessons('path-course');
    await path.passQuiz('path-course', 'basics-quiz', admin);
    await request(t.url).patch('/api/v1/me').set(learner.auth).send({ locale: 'az' }).expect(200);
    await t.db.query(`UPDATE certificates SET issued_at = '2025-09-15T08:00:00Z' WHERE user_id = $1`, [learner.id]);
    const context = await browser.newContext({ locale: 'az-AZ', extraHTTPHeaders: { 'Accept-Language': 'az' } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${t.url}/sign-in`);
    await page.fill('#email', learner.email);
    await page.fill('#password', learner.password);
    await Promise.all([page.waitForEvent('load'), page.click('form[action="/sign-in"] button[type="submit"]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is linked from the dashboard and shows the year total, in Azerbaijani, passing axe', async () => {
    await page.goto(`${t.url}/dashboard`);
    await Promise.all([page.waitForEvent('load'), page.click('a[href="/transcript"]')]);
    expect(await page.locator('h1').textContent()).toBe('CLE transkripti');
    expect(await page.locator('#year-2025').count()).toBe(1);
    expect(await page.locator('tr.total').textContent()).toContain('2025 ili üzrə cəmi');
    expect(await page.locator('tr.total td').textContent()).toBe('2');
    expect(await page.locator('a[href="/transcript.pdf"]').count()).toBe(1);
    expect(await axeViolations(page, 'transcript-az')).toEqual([]);
    expect(await overflowsAt360(page)).toBe(false);
    await screenshots(page, 'transcript-az');
  });
});

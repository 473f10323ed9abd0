import request from 'supertest';
import { Browser } from 'playwright-core';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certifiedLearner } from '../security/security-support';
import { launchChromium, screenshots } from './browser-support';

jest.setTimeout(240_000);

/** Issue 20, item 11: a revoked certificate sat on the holder's dashboard as plain text, beside a normal "Download PDF". */
describe('A revoked certificate on the holder\'s dashboard', () => {
  let t: TestApp;
  let browser: Browser;
  let learner: SignedInUser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    const admin = await loginAs(t, 'admin');
    learner = await certifiedLearner(t, admin);
    const [{ code }] = await t.db.query('SELECT code FROM certificates WHERE user_id = $1', [learner.id]);
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'Attendance records were falsified' }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the reason and the date, and says plainly that the PDF no longer certifies anything', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'themis_session', value: learner.token, url: t.url }]);
    const page = await context.newPage();
    await page.goto(`${t.url}/dashboard`);
    const card = page.locator('.card', { hasText: 'Attendance records were falsified' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Revoked on/);
    expect(await card.locator('[role="note"]').textContent()).toMatch(/no longer certifies anything/);
    expect(await card.locator('a.button', { hasText: 'Download PDF' }).count()).toBe(0);
    expect(await card.locator('a[download]').textContent()).toMatch(/revoked PDF/);
    await screenshots(page, 'dashboard-revoked');
    await context.close();
  });
});

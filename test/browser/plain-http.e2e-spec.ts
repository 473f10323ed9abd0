import request from 'supertest';
import { Browser } from 'playwright-core';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { freePort } from '../startup/server-process';
import { launchChromium, screenshots } from './browser-support';

jest.setTimeout(240_000);

/**
 * Issue 20, item 9: opened at a network address over plain HTTP (a trainer trying Themis from a
 * phone), `upgrade-insecure-requests` sent the stylesheet to https, where nothing answers: the
 * page was unstyled and the sign-in form posted nowhere. `themis.test` is mapped to 127.0.0.1 in
 * Chromium alone; no outside address is used.
 */
describe('Plain HTTP at an address other than localhost', () => {
  let t: TestApp;
  let browser: Browser;
  let learner: SignedInUser;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://themis.test:${port}`;
    [t, browser] = await Promise.all([createTestApp({ port, env: { PUBLIC_URL: base } }), launchChromium(['--host-resolver-rules=MAP themis.test 127.0.0.1'])]);
    learner = await loginAs(t, 'learner');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends neither upgrade-insecure-requests nor HSTS when PUBLIC_URL is http', async () => {
    const res = await request(t.url).get('/sign-in').set('Host', new URL(base).host).expect(200);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('loads the stylesheet and signs in, in Chromium', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${base}/sign-in`);
    const styled = await page.evaluate<boolean>('[...document.styleSheets].some((s) => { try { return s.cssRules.length > 0; } catch { return false; } })');
    expect(styled).toBe(true);
    await page.locator('#email').fill(learner.email);
    await page.locator('#password').fill(learner.password);
    await page.locator('form.stack button[type="submit"]').click();
    await page.waitForURL(`${base}/dashboard`);
    await screenshots(page, 'plain-http-dashboard');
    expect(failed).toEqual([]);
    await page.close();
  });
});

describe('HTTPS PUBLIC_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://themis.example.az' } });
  });
  afterAll(() => t?.close());

  it('keeps upgrade-insecure-requests and HSTS', async () => {
    const res = await request(t.url).get('/sign-in').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});

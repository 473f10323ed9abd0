import request from 'supertest';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createOrganisation, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { launchChromium, screenshots } from './browser-support';

jest.setTimeout(300_000);

const LOCALES = ['ru', 'az', 'en'] as const;

/**
 * What a 360 px phone shows of a page: elements past the right edge, and cells whose words were broken
 * letter by letter (a word is whole when the cell's content box is at least as wide as the word set on
 * one line in the cell's font). Run in the page, so it is kept as source text (the tests compile without the DOM types).
 */
export const NARROW_PROBLEMS = `(() => {
  const width = document.documentElement.clientWidth;
  const tooWide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 1 && r.right > width + 1) tooWide.push(el.tagName.toLowerCase() + '.' + el.className + ' (' + Math.round(r.right) + ' px)');
  }
  if (document.documentElement.scrollWidth > width) tooWide.push('page scrolls sideways (' + document.documentElement.scrollWidth + ' px)');
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;left:0;top:0';
  document.body.appendChild(probe);
  const brokenWords = [];
  for (const cell of document.querySelectorAll('main th, main td')) {
    if (cell.getBoundingClientRect().width < 2) continue; // hidden (a stacked table's header row)
    const style = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const words = [
      ...(cell.innerText || '').split(/\\s+/).map((w) => ({ w, weight: style.fontWeight })),
      ...(cell.dataset.label || '').split(/\\s+/).map((w) => ({ w, weight: '700' })),
    ].filter(({ w }) => w.length > 1 && w.length <= 18); // codes and addresses longer than that may break anywhere
    for (const { w, weight } of words) {
      probe.style.font = style.font;
      probe.style.fontWeight = weight;
      probe.textContent = w;
      if (probe.getBoundingClientRect().width > inner + 1) brokenWords.push(cell.tagName.toLowerCase() + ' "' + w + '" in ' + Math.round(inner) + ' px');
    }
  }
  probe.remove();
  return { tooWide: tooWide.slice(0, 10), brokenWords: brokenWords.slice(0, 10) };
})()`;

async function narrowProblems(page: Page): Promise<{ tooWide: string[]; brokenWords: string[] }> {
  return page.evaluate<{ tooWide: string[]; brokenWords: string[] }>(NARROW_PROBLEMS);
}

/** Every page with a table, at 360 px in Russian, Azerbaijani and English: nothing past the edge, no word broken per letter. */
describe('Tables on a 360 px phone', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: SignedInUser;
  let learner: SignedInUser;
  let orgId: string;
  const contexts: BrowserContext[] = [];

  async function pageAs(user: SignedInUser): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    contexts.push(context);
    await context.addCookies([{ name: 'themis_session', value: user.token, url: t.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    admin = await loginAs(t, 'admin', { fullName: 'Гюльнара Алиева' });
    learner = await loginAs(t, 'learner', { fullName: 'Rəşad Əliyev', barNumber: 'AZ-0815' });
    const path = new LearnerPath(t, learner);
    await path.enroll('path-course');
    await path.completeAllLessons('path-course');
    await path.passQuiz('path-course', 'basics-quiz', admin);
    orgId = (await createOrganisation(t, admin, 'Азербайджанская коллегия адвокатов')).id;
    await request(t.url).post(`/api/v1/admin/organisations/${orgId}/grants`).set(admin.auth).send({ userId: admin.id, grant: 'clerk' }).expect(201);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  const adminPages = () => ['/admin/users', '/admin/certificates', '/admin/audit', '/admin/verifiers', '/staff/courses', '/staff/courses/path-course/progress', '/staff/reports/path-course', `/organisations/${orgId}`];

  for (const locale of LOCALES) {
    it(`fits every table page in ${locale}`, async () => {
      await request(t.url).patch('/api/v1/me').set(admin.auth).send({ locale }).expect(200);
      await request(t.url).patch('/api/v1/me').set(learner.auth).send({ locale }).expect(200);
      const staff = await pageAs(admin);
      const problems: string[] = [];
      for (const url of adminPages()) {
        const res = await staff.goto(`${t.url}${url}`);
        if (res?.status() !== 200) problems.push(`${url}: answered ${res?.status()}`);
        const { tooWide, brokenWords } = await narrowProblems(staff);
        problems.push(...tooWide.map((p) => `${url}: ${p}`), ...brokenWords.map((p) => `${url}: ${p}`));
        if (/\{\w+\}/.test(await staff.innerText('main'))) problems.push(`${url}: a message placeholder left unfilled`);
        await screenshots(staff, `narrow-${url.replace(orgId, 'console').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${locale}`);
        await staff.setViewportSize({ width: 360, height: 800 });
      }
      const own = await pageAs(learner);
      await own.goto(`${t.url}/transcript`);
      const { tooWide, brokenWords } = await narrowProblems(own);
      problems.push(...tooWide.map((p) => `/transcript: ${p}`), ...brokenWords.map((p) => `/transcript: ${p}`));
      // The hours of each certificate are on screen, not past the right edge.
      const hours = own.locator('.transcript tbody tr:not(.total) td:last-child').first();
      const box = await hours.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      expect((await hours.innerText()).trim()).toMatch(/\d/);
      await screenshots(own, `narrow-transcript-${locale}`);
      expect(problems).toEqual([]);
    });
  }
});

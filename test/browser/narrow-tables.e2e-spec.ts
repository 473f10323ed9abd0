import { Browser, Page } from 'playwright-core';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certifiedLearner } from '../security/security-support';
import { launchChromium, screenshots } from './browser-support';

jest.setTimeout(240_000);

/** Words in table cells that the layout split across lines: each word's text range must lie on one line. */
const BROKEN_WORDS = `(() => {
  const out = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        if (m[0].length < 4) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
})()`;

/** Issue 20, item 13 (first half): at 360 px admin tables broke words letter by letter. */
describe('Tables at 360 px', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: SignedInUser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    admin = await loginAs(t, 'admin', { fullName: 'Гюльнара Алиева' });
    await certifiedLearner(t, admin, { fullName: 'Rəşad Quliyev' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function phone(user: SignedInUser, lang: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    await context.addCookies([{ name: 'themis_session', value: user.token, url: t.url }, { name: 'themis_lang', value: lang, url: t.url }]);
    return context.newPage();
  }

  it.each(['/admin/users', '/admin/certificates', '/admin/verifiers'])('breaks no word of a table on %s in Russian', async (path) => {
    await t.db.query(`UPDATE users SET locale = 'ru' WHERE id = $1`, [admin.id]);
    const page = await phone(admin, 'ru');
    await page.goto(`${t.url}${path}`);
    expect(await page.evaluate<string[]>(BROKEN_WORDS)).toEqual([]);
    await screenshots(page, `narrow${path.replace(/\//g, '-')}`);
    await page.context().close();
  });
});

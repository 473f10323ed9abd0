import request from 'supertest';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, loginAs, TestApp, uniqueEmail } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

// A whole journey in Chromium outlasts the suite's default timeout on a busy 2-core runner.
jest.setTimeout(240_000);

const CORRECT = new Set(['Right', 'Right A', 'Right B', 'True']);

describe('Site: a lawyer takes a course in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const violations: string[] = [];
  const narrow: string[] = [];

  /** Every page visited is checked with axe and for horizontal overflow at 360 px, and photographed. */
  async function check(name: string): Promise<void> {
    violations.push(...(await axeViolations(page, name)));
    if (await overflowsAt360(page)) narrow.push(name);
    await screenshots(page, name);
  }

  async function progressValue(): Promise<number> {
    return Number(await page.locator('#course-progress').getAttribute('value'));
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    context = await browser.newContext({ locale: 'az-AZ', extraHTTPHeaders: { 'Accept-Language': 'az,en;q=0.5' } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs up in Azerbaijani, completes the course, fails then passes the quiz', async () => {
    const admin = await loginAs(t, 'admin');

    await page.goto(`${t.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('az');
    await check('home-az');

    await page.getByRole('link', { name: 'Hesab yarat' }).first().click();
    await check('sign-up-az');
    await page.getByLabel('Soyad, ad, ata adı').fill('Aytən Məmmədova');
    await page.getByLabel('E-poçt').fill(uniqueEmail('ayten'));
    await page.getByLabel('Şifrə').fill('short');
    await page.getByLabel('Peşə').selectOption('defense_attorney');
    await page.getByRole('button', { name: 'Hesab yarat' }).click();
    // A mistake keeps the answers and names the field.
    expect(await page.locator('#password-error').textContent()).toBe('Şifrə ən azı 12 simvoldan ibarət olmalıdır.');
    expect(await page.getByLabel('Soyad, ad, ata adı').inputValue()).toBe('Aytən Məmmədova');
    await check('sign-up-errors-az');
    await page.getByLabel('Şifrə').fill('a-long-enough-password');
    await page.getByLabel('Vəkil vəsiqəsi və ya xidməti nömrə (istəyə görə)').fill('AZ-1234');
    expect(await page.locator('input[name="locale"][value="az"]').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Hesab yarat' }).click();
    await page.waitForURL(`${t.url}/dashboard`);
    expect(await page.locator('h1').textContent()).toBe('Kurslarım');
    await check('dashboard-empty-az');

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'themis_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await page.goto(`${t.url}/?audience=defense_attorney`);
    await page.getByRole('link', { name: 'Path course' }).click();
    await page.getByRole('button', { name: 'Kursa yazıl' }).click();
    expect(await progressValue()).toBe(0);
    await check('course-az');

    await page.getByRole('link', { name: 'Lesson one' }).click();
    expect(await page.locator('.prose').count()).toBe(1);
    const cases = await page.locator('.cases').textContent();
    expect(cases).toContain('Salduz v. Turkey');
    expect(cases).toContain('36391/02');
    expect(cases).toContain('27 noyabr 2008');
    await check('lesson-az');
    const raw = await request(t.url).get('/courses/path-course/lessons/lesson-one').set('Cookie', `themis_session=${session.value}`).set('Accept-Encoding', 'gzip').expect(200);
    expect(Buffer.byteLength(raw.text)).toBeLessThan(100 * 1024);

    await page.getByRole('button', { name: 'Dərsi tamamlanmış kimi qeyd et' }).click();
    // The next lesson has a content note: it comes first, and stepping away keeps progress.
    await page.waitForURL(/lesson-two/);
    expect(await page.locator('.content-note').textContent()).toMatch(/ill-treatment/);
    expect(await page.locator('.prose').count()).toBe(0);
    expect(await progressValue()).toBe(33);
    await check('content-note-az');
    await page.getByRole('link', { name: 'İndi yox — kursa qayıt' }).click();
    expect(await progressValue()).toBe(33);
    await page.getByRole('link', { name: 'Qaldığınız yerdən davam edin' }).click();
    await page.getByRole('link', { name: 'Dərsə keç' }).click();
    expect(await page.locator('.prose').count()).toBe(1);
    await page.getByRole('button', { name: 'Dərsi tamamlanmış kimi qeyd et' }).click();

    await page.waitForURL(/quizzes\/basics-quiz/);
    await check('quiz-intro-az');
    await page.getByRole('button', { name: 'Testə başla' }).click();
    expect(await page.locator('.attempt-count').textContent()).toContain('Cəhd 1 / 2');
    await check('quiz-form-az');
    // Option ids are drawn per attempt: an option is known by its label.
    const labelOf = (input: Awaited<ReturnType<typeof page.locator>>) => input.evaluate((el) => el.closest('label')?.textContent?.trim() ?? '');
    for (const input of await page.locator('.quiz-form input[type="radio"], .quiz-form input[type="checkbox"]').all()) {
      const text = await labelOf(input);
      if (!CORRECT.has(text) && text !== 'Right B') await input.check();
    }
    await page.getByRole('button', { name: 'Cavabları göndər' }).click();
    await page.waitForURL(/\/attempts\//);
    expect(await page.locator('.verdict').textContent()).toContain('Keçmədi');
    // Before a pass the result shows the score only (the default review policy), not the key.
    expect(await page.locator('.results li').count()).toBe(0);
    expect(await page.locator('#review-later').count()).toBe(1);
    await check('result-fail-az');

    await page.getByRole('link', { name: 'Yenidən cəhd et' }).click();
    await page.getByRole('button', { name: 'Yeni cəhdə başla' }).click();
    expect(await page.locator('.attempt-count').textContent()).toContain('Cəhd 2 / 2');
    for (const input of await page.locator('.quiz-form input[type="radio"], .quiz-form input[type="checkbox"]').all()) {
      if (CORRECT.has(await labelOf(input))) await input.check();
    }
    await page.getByRole('button', { name: 'Cavabları göndər' }).click();
    await page.waitForURL(/\/attempts\//);
    expect(await page.locator('.verdict').textContent()).toContain('Keçdi');
    expect(await page.locator('.verdict .score').textContent()).toContain('100');
    expect(await page.locator('.results li').count()).toBe(3);
    expect(await page.locator('.results').textContent()).toContain('Two are right.');
    await check('result-pass-az');

    await page.getByRole('link', { name: 'Kursa qayıt' }).click();
    expect(await progressValue()).toBe(100);
    await page.goto(`${t.url}/dashboard`);
    expect(await page.locator('.card progress').first().getAttribute('value')).toBe('100');
    await check('dashboard-az');

    // The certificate: download under the session cookie, then an anonymous visitor verifies it.
    const code = (await page.locator('.card code').first().textContent())!.trim();
    expect(await page.locator(`input[id="link-${code}"]`).inputValue()).toContain(`/verify/${code}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF-i yüklə' }).click()]);
    const pdfPath = await download.path();
    expect(require('node:fs').readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

    const visitor = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en' } });
    const anon = await visitor.newPage();
    await anon.goto(`${t.url}/verify`);
    violations.push(...(await axeViolations(anon, 'verify-form-en')));
    await screenshots(anon, 'verify-form-en');
    await anon.getByLabel('Certificate code').fill(code);
    await anon.getByRole('button', { name: 'Check the code' }).click();
    await anon.waitForURL(`${t.url}/verify/${code}`);
    const facts = await anon.locator('.verify-facts').textContent();
    expect(facts).toContain('Aytən Məmmədova');
    expect(facts).toContain('Defence lawyer');
    expect(facts).toContain('Path course');
    expect(facts).toContain('Valid');
    violations.push(...(await axeViolations(anon, 'verify-valid-en')));
    await screenshots(anon, 'verify-valid-en');
    await anon.goto(`${t.url}/verify`);
    await anon.getByLabel('Certificate PDF').setInputFiles(pdfPath);
    await anon.getByRole('button', { name: 'Check the file' }).click();
    expect(await anon.locator('#doc-verdict').textContent()).toContain('genuine and valid');
    violations.push(...(await axeViolations(anon, 'verify-upload-en')));
    await screenshots(anon, 'verify-upload-en');

    // An admin revokes it; the verification page says so, with when and why.
    const adminContext = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en' } });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${t.url}/admin/certificates`);
    await adminPage.waitForURL(/\/sign-in\?next=/);
    await adminPage.getByLabel('Email').fill(admin.email);
    await adminPage.getByLabel('Password').fill(admin.password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.waitForURL(`${t.url}/admin/certificates`);
    await adminPage.getByLabel('Reason for revocation').first().fill('Issued in error: attendance not confirmed');
    violations.push(...(await axeViolations(adminPage, 'admin-certificates-en')));
    await screenshots(adminPage, 'admin-certificates-en');
    await adminPage.getByRole('button', { name: 'Revoke certificate' }).first().click();
    expect(await adminPage.locator('.alert.success').textContent()).toContain('revoked');
    await anon.goto(`${t.url}/verify/${code}`);
    expect(await anon.locator('.alert').textContent()).toContain('This certificate has been revoked.');
    expect(await anon.locator('.verify-facts').textContent()).toContain('Issued in error: attendance not confirmed');
    violations.push(...(await axeViolations(anon, 'verify-revoked-en')));
    await screenshots(anon, 'verify-revoked-en');
    await anon.goto(`${t.url}/verify`);
    await anon.getByLabel('Certificate PDF').setInputFiles(pdfPath);
    await anon.getByRole('button', { name: 'Check the file' }).click();
    expect(await anon.locator('#doc-verdict').textContent()).toContain('genuine but revoked');
    await visitor.close();
    await adminContext.close();

    await page.goto(`${t.url}/profile`);
    expect(await page.getByLabel('Vəkil vəsiqəsi və ya xidməti nömrə (istəyə görə)').inputValue()).toBe('AZ-1234');
    await check('profile-az');
    await page.getByLabel('İnterfeys dili').selectOption('ru');
    await page.getByRole('button', { name: 'Profili yadda saxla' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.locator('.alert.success').textContent()).toContain('Профиль сохранён');
    await check('profile-ru');
  });

  it('found no accessibility violations and nothing wider than 360 px on the pages visited', () => {
    expect(violations).toEqual([]);
    expect(narrow).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, loginAs, SignedInUser, SmtpSink, startSmtpSink, TEST_PASSWORD, TestApp, totpCodeFor, uniqueEmail } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

jest.setTimeout(300_000);

const LANGS = ['en', 'az', 'ru'] as const;
type Lang = (typeof LANGS)[number];

/** The link in a mail's plain text that starts with `prefix` (an absolute URL under PUBLIC_URL). */
const linkIn = (text: string, prefix: string): string => {
  const m = new RegExp(`${prefix.replace(/[.?/]/g, '\\$&')}[^\\s>"]+`).exec(text);
  if (!m) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return m[0];
};

/**
 * Issue 16's pages as a person uses them, in Chromium: password reset with the mail read from a
 * real SMTP server, password and email change, the MFA set-up with its QR code decoded by zbarimg,
 * and the admin's user pages. Each page is photographed at 360 and 1280 px in en, az and ru.
 */
describe('Account pages in a browser', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    [t, browser] = await Promise.all([createTestApp({ env: { SMTP_URL: sink.url } }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  const register = async (fullName: string, locale: Lang = 'en', password = TEST_PASSWORD) => {
    const email = uniqueEmail('browser');
    await request(t.url).post('/api/v1/auth/register').send({ email, password, fullName, profession: 'defense_attorney', locale }).expect(201);
    return { email, password };
  };

  const visitor = (lang: Lang) => browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${t.url}/sign-in`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
  }

  /** The page at 360 and 1280 px, checked for sideways scrolling and WCAG A/AA problems. */
  async function look(page: Page, name: string): Promise<void> {
    await screenshots(page, name);
    if (await overflowsAt360(page)) problems.push(`${name}: scrolls sideways at 360 px`);
    problems.push(...(await axeViolations(page, name)));
  }

  /** Photographs a signed-in page in each language (the interface language is the account's). */
  async function lookInEachLanguage(page: Page, userId: string, url: string, name: string): Promise<void> {
    for (const lang of LANGS) {
      await t.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [userId, lang]);
      await page.goto(url);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await look(page, `${name}-${lang}`);
    }
    await t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [userId]);
  }

  it('resets a forgotten password from the link in the mail, and signs in with the new one', async () => {
    const { email, password } = await register('Leyla Hüseynova');
    for (const lang of LANGS) {
      const context = await visitor(lang);
      const page = await context.newPage();
      await page.goto(`${t.url}/forgot-password`);
      await look(page, `forgot-password-${lang}`);
      await context.close();
    }
    const context = await visitor('en');
    const page = await context.newPage();
    await page.goto(`${t.url}/sign-in`);
    await Promise.all([page.waitForURL('**/forgot-password'), page.click('a[href="/forgot-password"]')]);
    await page.fill('#email', email);
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    expect(await page.locator('[role="status"]').textContent()).toBeTruthy();
    await look(page, 'forgot-password-sent-en');

    const [mail] = (await sink.waitFor((r) => r.some((m) => m.to.includes(email)), 90_000)).filter((m) => m.to.includes(email));
    const link = linkIn(mail!.text, `${t.config.publicUrl}/reset-password?token=`);
    await page.goto(link);
    await look(page, 'reset-password-en');
    // A refused password is named on the page, in words.
    await page.fill('#password', 'password1234');
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    expect(await page.locator('#password-error').textContent()).toMatch(/common/i);
    await look(page, 'reset-password-refused-en');
    await page.fill('#password', 'granite-willow-harbour-77');
    await Promise.all([page.waitForURL('**/sign-in?notice=passwordReset'), page.click('main button[type="submit"]')]);
    await signIn(page, email, 'granite-willow-harbour-77');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    // The old password is refused, and the link does not work twice.
    await request(t.url).post('/api/v1/auth/login').send({ email, password }).expect(401);
    await page.goto(link);
    await page.fill('#password', 'another-granite-willow-78');
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    expect(await page.locator('#token-error, .alert.error').first().textContent()).toBeTruthy();
    await context.close();
    for (const lang of ['az', 'ru'] as const) {
      const c = await visitor(lang);
      const p = await c.newPage();
      await p.goto(`${t.url}/reset-password?token=${'x'.repeat(43)}`);
      await look(p, `reset-password-${lang}`);
      await c.close();
    }
  });

  it('changes the password and the email on the profile: a link to the new address, a notice to the old', async () => {
    const { email, password } = await register('Rəşad Quliyev');
    const context = await visitor('en');
    const page = await context.newPage();
    await signIn(page, email, password);
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]);
    await lookInEachLanguage(page, id, `${t.url}/profile/security`, 'profile-security');

    await page.goto(`${t.url}/profile/security`);
    await page.fill('#currentPassword', 'not-my-password-at-all');
    await page.fill('#newPassword', 'copper-meadow-lantern-19');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/profile/password"] button')]);
    expect(await page.locator('#currentPassword-error').textContent()).toBeTruthy();
    await page.fill('#currentPassword', password);
    await page.fill('#newPassword', 'copper-meadow-lantern-19');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/profile/password"] button')]);
    expect(await page.locator('[role="status"]').textContent()).toBeTruthy();
    // Still signed in on this page (a fresh session), and the new password is the one that works.
    await page.goto(`${t.url}/profile/security`);
    expect(new URL(page.url()).pathname).toBe('/profile/security');
    await request(t.url).post('/api/v1/auth/login').send({ email, password: 'copper-meadow-lantern-19' }).expect(200);
    await sink.waitFor((r) => r.some((m) => m.to.includes(email) && /password/i.test(m.subject)), 90_000);

    const newEmail = uniqueEmail('moved');
    await page.fill('#email', newEmail);
    await page.fill('#emailPassword', 'copper-meadow-lantern-19');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/profile/email"] button')]);
    expect(await page.locator('[role="status"]').textContent()).toMatch(/confirmation link/);
    await look(page, 'profile-email-sent-en');
    const confirmation = (await sink.waitFor((r) => r.some((m) => m.to.includes(newEmail)), 90_000)).find((m) => m.to.includes(newEmail))!;
    const toOld = () => sink.received.filter((m) => m.to.includes(email)).length;
    const beforeConfirming = toOld();
    await page.goto(linkIn(confirmation.text, `${t.config.publicUrl}/confirm-email?token=`));
    await look(page, 'confirm-email-en');
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    expect(await page.locator('[role="status"]').textContent()).toContain(newEmail);
    await context.close();
    // The old address hears of the change once it is made, with no link that could undo or repeat it.
    await sink.waitFor(() => toOld() > beforeConfirming, 90_000);
    const notice = sink.received.filter((m) => m.to.includes(email)).pop()!;
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toContain('/confirm-email?token=');
    await request(t.url).post('/api/v1/auth/login').send({ email: newEmail, password: 'copper-meadow-lantern-19' }).expect(200);
    await request(t.url).post('/api/v1/auth/login').send({ email, password: 'copper-meadow-lantern-19' }).expect(401);
  });

  it('sets up MFA from the QR code (decoded by zbarimg), signs in with a computed code, then once with a recovery code', async () => {
    const { email, password } = await register('Nigar Əliyeva');
    const context = await visitor('en');
    const page = await context.newPage();
    await signIn(page, email, password);
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]);
    await lookInEachLanguage(page, id, `${t.url}/profile/mfa`, 'mfa-intro');
    // The set-up (QR code, key, recovery codes) is shown once, in the answer to "start": in az and ru by other accounts.
    for (const lang of ['az', 'ru'] as const) {
      const other = await register(lang === 'az' ? 'Elçin Rzayev' : 'Ольга Смирнова', lang);
      const c = await visitor(lang);
      const p = await c.newPage();
      await signIn(p, other.email, other.password);
      await p.goto(`${t.url}/profile/mfa`);
      await Promise.all([p.waitForLoadState('load'), p.click('form[action="/profile/mfa/start"] button')]);
      await look(p, `mfa-setup-${lang}`);
      await c.close();
    }
    await page.goto(`${t.url}/profile/mfa`);
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/profile/mfa/start"] button')]);
    await look(page, 'mfa-setup-en');

    // What a phone's camera reads: the QR image as drawn on the page.
    const qr = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'themis-qr-')), 'qr.png');
    await page.locator('img[src^="data:image/png"]').screenshot({ path: qr });
    const uri = execFileSync('zbarimg', ['--quiet', '--raw', qr], { encoding: 'utf8' }).trim();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Themis:/);
    const secret = new URL(uri).searchParams.get('secret')!;
    expect(secret.replace(/(.{4})/g, '$1 ').trim()).toBe((await page.locator('main code').first().textContent())!.trim());
    const recovery = (await page.locator('.recovery-codes code').allTextContents()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);

    await page.fill('#code', totpCodeFor(secret));
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/profile/mfa/confirmation"] button')]);
    await page.goto(`${t.url}/profile/mfa`);
    await look(page, 'mfa-on-en');
    await context.close();

    const signInWithCode = async (code: string, lang: Lang = 'en') => {
      const c = await visitor(lang);
      const p = await c.newPage();
      await signIn(p, email, password);
      expect(await p.locator('#code').count()).toBe(1);
      if (code === '') {
        await look(p, `sign-in-mfa-${lang}`);
        await c.close();
        return '';
      }
      await p.fill('#code', code);
      await Promise.all([p.waitForLoadState('load'), p.click('main button[type="submit"]')]);
      const where = new URL(p.url()).pathname;
      await c.close();
      return where;
    };
    for (const lang of LANGS) await signInWithCode('', lang);
    // The next time step's code: the confirmation used this one, and a code works once.
    expect(await signInWithCode(totpCodeFor(secret, Math.floor(Date.now() / 1000) + 30))).toBe('/dashboard');
    expect(await signInWithCode(recovery[0]!)).toBe('/dashboard');
    expect(await signInWithCode(recovery[0]!)).not.toBe('/dashboard');
  });

  it('lets an admin find a user, change the role, deactivate, unlock and send a reset link', async () => {
    const admin = await loginAs(t, 'admin');
    const { email } = await register('Tural Məmmədli');
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]);
    const userLogin = await request(t.url).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    const context: BrowserContext = await visitor('en');
    await context.addCookies([{ name: 'themis_session', value: admin.token, url: t.url }]);
    const page = await context.newPage();
    const search = `${t.url}/admin/users?q=${encodeURIComponent('Məmmədli')}`;
    await lookInEachLanguage(page, admin.id, search, 'admin-users');
    await page.goto(search);
    const row = page.locator('tbody tr', { hasText: email });
    expect(await row.count()).toBe(1);
    expect(await page.locator('tbody tr').count()).toBe(1);

    await row.locator(`#role-${id}`).selectOption('trainer');
    await Promise.all([page.waitForLoadState('load'), row.locator(`form[action="/admin/users/${id}/role"] button`).click()]);
    expect((await t.db.query(`SELECT role FROM users WHERE id = $1`, [id]))[0].role).toBe('trainer');
    // A role change ends the user's sessions.
    await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${userLogin.body.accessToken}`).expect(401);

    await page.goto(search);
    await Promise.all([page.waitForLoadState('load'), page.locator('tbody tr', { hasText: email }).locator(`form[action="/admin/users/${id}/deactivation"] button`).click()]);
    await page.goto(search);
    await look(page, 'admin-users-deactivated-en');
    await request(t.url).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
    await Promise.all([page.waitForLoadState('load'), page.locator('tbody tr', { hasText: email }).locator(`form[action="/admin/users/${id}/activation"] button`).click()]);

    // Locked by five wrong passwords; the admin unlocks it and the right password works again.
    for (let i = 0; i < 5; i++) await request(t.url).post('/api/v1/auth/login').send({ email, password: `wrong-password-${i}-xyz` });
    await request(t.url).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(429);
    await page.goto(search);
    await Promise.all([page.waitForLoadState('load'), page.locator('tbody tr', { hasText: email }).locator(`form[action="/admin/users/${id}/unlock"] button`).click()]);
    await request(t.url).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);

    await page.goto(search);
    const before = sink.received.filter((m) => m.to.includes(email)).length;
    await Promise.all([page.waitForLoadState('load'), page.locator('tbody tr', { hasText: email }).locator(`form[action="/admin/users/${id}/password-reset"] button`).click()]);
    const mails = (await sink.waitFor((r) => r.filter((m) => m.to.includes(email)).length > before, 90_000)).filter((m) => m.to.includes(email));
    expect(linkIn(mails[mails.length - 1]!.text, `${t.config.publicUrl}/reset-password?token=`)).toBeTruthy();
    const audit = (await t.db.query(`SELECT action FROM audit_log WHERE subject = $1 ORDER BY id`, [id])).map((r: { action: string }) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['user.role_change', 'user.deactivate', 'user.activate', 'user.unlock', 'user.password_reset_link']));
    await context.close();
  });

  it('shows no page that scrolls sideways at 360 px or breaks a WCAG A/AA rule', () => {
    expect(problems).toEqual([]);
  });
});

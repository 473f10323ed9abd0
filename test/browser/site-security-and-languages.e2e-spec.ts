import request from 'supertest';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

// A whole journey in Chromium outlasts the suite's default timeout on a busy 2-core runner.
jest.setTimeout(240_000);

describe('Site: sessions, CSRF, escaping and every page in three languages', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: SignedInUser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    admin = await loginAs(t, 'admin', { fullName: 'Nigar Əliyeva' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext, user: SignedInUser): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${t.url}/sign-in`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(user.password);
    await page.locator('form.stack button[type="submit"]').click();
    await page.waitForURL(`${t.url}/dashboard`);
    return page;
  }

  it('refuses a form post without a CSRF token, and one whose token does not match the cookie', async () => {
    const res = await request(t.url).post('/sign-in').type('form').send({ email: admin.email, password: admin.password }).expect(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).some((c) => c.startsWith('themis_session='))).toBe(false);
    const page = await request(t.url).get('/sign-in').expect(200);
    const cookie = page.headers['set-cookie'] as unknown as string[];
    await request(t.url).post('/sign-in').set('Cookie', cookie).type('form').send({ email: admin.email, password: admin.password, _csrf: 'forged.token' }).expect(403);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const ok = await request(t.url).post('/sign-in').set('Cookie', cookie).type('form').send({ email: admin.email, password: admin.password, _csrf: token }).expect(303);
    const session = (ok.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('themis_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
  });

  it('sends anonymous visitors of a private page to sign in, while the JSON API still answers JSON', async () => {
    const page = await request(t.url).get('/dashboard').redirects(0).expect(303);
    expect(page.headers['location']).toBe('/sign-in?next=%2Fdashboard');
    const api = await request(t.url).get('/api/v1/me').expect(401);
    expect(api.body).toMatchObject({ statusCode: 401 });
    const home = await request(t.url).get('/').expect(200);
    expect(home.headers['content-security-policy']).toContain("default-src 'self'");
    expect(home.headers['content-security-policy']).toContain("form-action 'self'");
    expect(home.text).not.toMatch(/<script/i);
    expect(home.text).not.toMatch(/ style=/i);
  });

  it('escapes what users type: a verifier organisation named like markup is shown as text', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, admin);
    await page.goto(`${t.url}/admin/verifiers`);
    await page.locator('#name').fill('<img src=x onerror=alert(1)> Bar "Association"');
    await page.locator('form.narrow button[type="submit"]').click();
    expect(await page.locator('#new-key').inputValue()).toMatch(/^thv_/);
    expect(await page.locator('td').first().textContent()).toBe('<img src=x onerror=alert(1)> Bar "Association"');
    expect(await page.locator('img').count()).toBe(0);
    await context.close();
  });

  it.each(['en', 'az', 'ru'])('has no axe violations and fits 360 px on every page in %s', async (lang) => {
    const learner = await loginAs(t, 'learner', { fullName: 'Rəşad Quliyev' });
    await new LearnerPath(t, learner).enroll('path-course');
    const trainer = await loginAs(t, 'trainer', { fullName: 'Leyla Hüseynova' });
    const problems: string[] = [];
    const visit = async (page: Page, path: string, name: string) => {
      const res = await page.goto(`${t.url}${path}`);
      expect(res?.status()).toBeLessThan(500);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      problems.push(...(await axeViolations(page, `${name}-${lang}`)));
      if (await overflowsAt360(page)) problems.push(`${name}-${lang}: wider than 360 px`);
      await screenshots(page, `${name}-${lang}`);
    };

    const anon = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': lang } });
    const a = await anon.newPage();
    for (const [path, name] of [['/', 'home'], ['/sign-in', 'sign-in'], ['/sign-up', 'sign-up'], ['/verify', 'verify-form'], ['/verify/AAAA-BBBB-CCCC-DDDD', 'verify-not-found'], ['/courses/path-course', 'course-anonymous'], ['/no-such-page', 'not-found']]) await visit(a, path!, name!);
    await anon.close();

    for (const [user, pages] of [
      [learner, [['/dashboard', 'dashboard'], ['/courses/path-course', 'course-enrolled'], ['/courses/path-course/lessons/lesson-two', 'content-note'], ['/courses/path-course/lessons/lesson-two?note=read', 'lesson-two'], ['/courses/path-course/quizzes/basics-quiz', 'quiz-intro'], ['/profile', 'profile'], ['/admin/users', 'forbidden']]],
      [trainer, [['/staff/courses', 'staff-courses'], ['/staff/courses/path-course/quizzes/basics-quiz', 'answer-key'], ['/staff/courses/path-course/progress', 'learners-progress']]],
      [admin, [['/admin/users', 'admin-users'], ['/admin/verifiers', 'admin-verifiers'], ['/admin/certificates', 'admin-certificates']]],
    ] as const) {
      const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en' } });
      const page = await signIn(context, user as SignedInUser);
      // The switcher: one POST form on every page, saved to the profile.
      await page.locator(`.languages button[value="${lang}"]`).click();
      for (const [path, name] of pages) await visit(page, path, name);
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 240_000);
});

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { projectRoot } from '@themis/core';
import { UsersService } from '@themis/identity';
import { answersFromKey, binaryBody, createTestApp, LearnerPath, loginAs, TestApp } from '@themis/testing';
import { axeViolations, launchChromium } from './browser-support';

jest.setTimeout(240_000);

const COURSE = 'access-to-a-lawyer-essentials';

describe('Site: a lawyer takes the essentials course in Russian, from enrolment to certificate', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-ru-journey-'));
    fs.cpSync(path.join(projectRoot, 'courses', 'bibliography'), path.join(dir, 'courses', 'bibliography'), { recursive: true });
    fs.cpSync(path.join(projectRoot, 'courses', COURSE), path.join(dir, 'courses', COURSE), { recursive: true });
    [t, browser] = await Promise.all([createTestApp({ coursesDir: path.join(dir, 'courses') }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('enrols in Russian, reads translated lessons (axe clean), passes the Russian quiz and downloads a Russian certificate', async () => {
    const admin = await loginAs(t, 'admin');
    const learner = await loginAs(t, 'learner', { fullName: 'Гюльнара Алиева', profession: 'prosecutor' });
    await t.app.get(UsersService).updateProfile(learner.id, { locale: 'ru' });
    const context = await browser.newContext({ locale: 'ru-RU' });
    await context.addCookies([{ name: 'themis_session', value: learner.token, url: t.url }]);
    page = await context.newPage();

    await page.goto(`${t.url}/courses/${COURSE}`);
    expect(await page.locator('h1').textContent()).toBe('Доступ к адвокату: главное');
    expect(await page.locator('#content-language').inputValue()).toBe('ru');
    await page.getByRole('button', { name: 'Записаться на курс' }).click();
    await page.waitForURL(`${t.url}/courses/${COURSE}`);

    const violations: string[] = [];
    for (const title of ['Правило Салдуза', 'Отсрочка, веские причины и справедливость разбирательства в целом']) {
      await page.goto(`${t.url}/courses/${COURSE}`);
      await page.getByRole('link', { name: title }).click();
      expect(await page.locator('article.lesson').getAttribute('lang')).toBe('ru');
      expect(await page.locator('article.lesson h1').textContent()).toBe(title);
      expect(await page.locator('.prose cite[lang="en"]').count()).toBeGreaterThan(0);
      violations.push(...(await axeViolations(page, title)));
      await new LearnerPath(t, learner).studied(); // the course asks 120 s per lesson
      await page.getByRole('button', { name: 'Отметить урок как пройденный' }).click();
      await page.waitForLoadState();
    }
    expect(violations).toEqual([]);

    await page.goto(`${t.url}/courses/${COURSE}/quizzes/first-interrogation-quiz`);
    await page.getByRole('button', { name: 'Начать тест' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.quiz-form').textContent()).toContain('Семнадцатилетнего подозреваемого');
    const key = await request(t.url).get(`/api/v1/author/courses/${COURSE}/quizzes/first-interrogation-quiz`).set(admin.auth).expect(200);
    // Option ids are drawn per attempt: the open attempt, read in the key's language, maps the key's texts to this attempt's ids.
    const shown = await request(t.url).post(`/api/v1/courses/${COURSE}/quizzes/first-interrogation-quiz/attempts?lang=en`).set(learner.auth).expect((r) => expect([200, 201]).toContain(r.status));
    for (const a of answersFromKey(key.body, shown.body, true)) for (const id of a.optionIds) await page.check(`input[value="${id}"]`);
    violations.push(...(await axeViolations(page, 'quiz-ru')));
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    await page.waitForURL(/\/attempts\//);
    expect(await page.locator('main').textContent()).toContain('Сдан');
    expect(violations).toEqual([]);

    await page.goto(`${t.url}/dashboard`);
    const certificate = page.locator('a[href$=".pdf"][download]').first();
    const href = await certificate.getAttribute('href');
    const pdf = await request(t.url).get(href!).set('Cookie', `themis_session=${learner.token}`).buffer(true).parse(binaryBody).expect(200);
    const file = path.join(dir, 'certificate.pdf');
    fs.writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Гюльнара Алиева');
    expect(text).toContain('Доступ к адвокату: главное');
    expect(text).toContain('Прокурор');
    expect(text).not.toContain('Certificate of Continuing Legal Education');
    await context.close();
  });
});

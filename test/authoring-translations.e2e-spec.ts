import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { projectRoot } from '@themis/core';
import { UsersService } from '@themis/identity';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser/browser-support';

/** The real essentials course (source English, translated into az and ru) in a folder of its own. */
const COURSE = 'access-to-a-lawyer-essentials';

describe('Translating in the editor: each piece beside its source, with what is missing or stale', () => {
  let t: TestApp;
  let dir: string;
  let trainer: SignedInUser;
  let pages: { get: (url: string) => request.Test; post: (url: string, form: Record<string, string>) => request.Test };
  const base = `/staff/authoring/${COURSE}/translations`;
  const revision = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1]!;
  const field = (html: string, id: string) => {
    const m = new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html) ?? new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`).exec(html);
    return m ? m[1]!.replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x60;/g, '`') : undefined;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-translate-'));
    const courses = path.join(dir, 'courses');
    fs.cpSync(path.join(projectRoot, 'courses', 'bibliography'), path.join(courses, 'bibliography'), { recursive: true });
    fs.cpSync(path.join(projectRoot, 'courses', COURSE), path.join(courses, COURSE), { recursive: true });
    t = await createTestApp({ coursesDir: courses });
    trainer = await loginAs(t, 'trainer', { fullName: 'Aytən Məmmədova' });
    const session = `themis_session=${trainer.token}`;
    const page = await request(t.url).get('/staff/authoring').set('Cookie', session).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
    const cookie = `${session}; ${csrf}`;
    pages = {
      get: (url) => request(t.url).get(url).set('Cookie', cookie).set('Accept-Language', 'az').redirects(0),
      post: (url, form) => request(t.url).post(url).set('Cookie', cookie).set('X-Csrf-Token', token).set('Accept-Language', 'az').type('form').redirects(0).send(form),
    };
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists each language of the draft with nothing missing for a fully translated course', async () => {
    await request(t.url).post(`/api/v1/author/courses/${COURSE}/draft`).set(trainer.auth).expect(201);
    const draft = (await pages.get(`/staff/authoring/${COURSE}`).expect(200)).text;
    expect(draft).toContain(`href="${base}/az"`);
    expect(draft).toContain(`href="${base}/ru"`);
    expect(draft).not.toContain(`href="${base}/en"`);
    const overview = (await pages.get(`${base}/ru`).expect(200)).text;
    expect(overview).toMatch(/id="translation-counts"[^>]*>[^<]*: \d+ · [^<]*: 0 · [^<]*: 0</);
    await pages.get(`${base}/en`).expect(404);
    await pages.get(`${base}/de`).expect(404);
  });

  it('shows a lesson stale once its source changes, beside the new source, and current again once revised', async () => {
    const lessonUrl = `/staff/authoring/${COURSE}/lessons/the-salduz-rule`;
    const editor = (await pages.get(lessonUrl).expect(200)).text;
    expect(editor).toMatch(/id="lesson-translations"[\s\S]*state-current/);
    const markdown = field(editor, 'markdown')!;
    await pages.post(lessonUrl, { revision: revision(editor), title: field(editor, 'title')!, minutes: field(editor, 'minutes') ?? '', markdown: `${markdown}\nA sentence added in the source.\n`, action: 'save' }).expect(303);

    const stale = (await pages.get(`${base}/az/lessons/the-salduz-rule`).expect(200)).text;
    expect(stale).toContain('state-stale');
    // The source as it is now, beside the translation as it was.
    expect(stale).toContain('A sentence added in the source.');
    const translated = field(stale, 'markdown')!;
    expect(translated).not.toContain('A sentence added in the source.');
    expect((await pages.get(`${base}/az`).expect(200)).text).toMatch(/id="lesson-the-salduz-rule">\s*<span class="badge state-stale">/);

    // An empty title is refused, naming the field, and nothing is saved.
    const refused = await pages.post(`${base}/az/lessons/the-salduz-rule`, { revision: revision(stale), title: '', markdown: translated }).expect(400);
    expect(refused.text).toMatch(/id="title-error"/);

    await pages.post(`${base}/az/lessons/the-salduz-rule`, { revision: revision(stale), title: field(stale, 'title')!, markdown: `${translated}\nMənbəyə əlavə edilmiş cümlə.\n` }).expect(303);
    const current = (await pages.get(`${base}/az/lessons/the-salduz-rule`).expect(200)).text;
    expect(current).toContain('state-current');
    expect(field(current, 'markdown')).toContain('Mənbəyə əlavə edilmiş cümlə.');
    // The Russian translation of the same lesson is still stale: each language on its own.
    expect((await pages.get(`${base}/ru/lessons/the-salduz-rule`).expect(200)).text).toContain('state-stale');
  });

  it('translates quiz questions as texts only: a question begun must be complete, the key stays the source\'s', async () => {
    const quizUrl = `${base}/ru/quizzes/first-interrogation-quiz`;
    const page = (await pages.get(quizUrl).expect(200)).text;
    const ids = [...page.matchAll(/<fieldset id="question-([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(1);
    const [first] = ids;
    const optionCount = [...page.matchAll(new RegExp(`name="${first}\\.option\\.\\d+"`, 'g'))].length;
    const before = (await request(t.url).get(`/api/v1/author/courses/${COURSE}/draft`).set(trainer.auth).expect(200)).body.content;
    const form: Record<string, string> = { revision: revision(page), title: field(page, 'title') ?? '' };
    for (const id of ids) {
      form[`${id}.prompt`] = field(page, `${id}-prompt`) ?? '';
      form[`${id}.explanation`] = field(page, `${id}-explanation`) ?? '';
      for (let i = 0; ; i++) {
        const v = field(page, `${id}-option-${i}`);
        if (v === undefined) break;
        form[`${id}.option.${i}`] = v;
      }
    }
    const incomplete = await pages.post(quizUrl, { ...form, [`${first}.explanation`]: '' }).expect(400);
    expect(incomplete.text).toContain('aria-invalid="true"');
    form[`${first}.prompt`] = 'Переформулированный вопрос для проверки редактора?';
    await pages.post(quizUrl, form).expect(303);
    const after = (await request(t.url).get(`/api/v1/author/courses/${COURSE}/draft`).set(trainer.auth).expect(200)).body.content;
    const quizOf = (c: { modules: { quiz?: { slug: string; questions: unknown[] } }[] }) => c.modules.map((m) => m.quiz).find((q) => q?.slug === 'first-interrogation-quiz')!;
    expect(quizOf(after).questions).toEqual(quizOf(before).questions);
    const q = after.translations.ru.quizzes['first-interrogation-quiz'].questions[first!];
    expect(q.prompt).toBe('Переформулированный вопрос для проверки редактора?');
    expect(q.options).toHaveLength(optionCount);
    expect(Object.keys(q).sort()).toEqual(['explanation', 'options', 'prompt', 'sourceHash']);
  });

  it('fits a phone and passes axe in each interface language (Chromium)', async () => {
    const browser = await launchChromium();
    try {
      for (const locale of ['az', 'ru', 'en']) {
        await t.app.get(UsersService).updateProfile(trainer.id, { locale: locale as 'az' | 'ru' | 'en' });
        const context = await browser.newContext({ locale });
        await context.addCookies([{ name: 'themis_session', value: trainer.token, url: t.url }]);
        const page = await context.newPage();
        for (const [name, url] of [['overview', `${base}/ru`], ['lesson', `${base}/az/lessons/the-salduz-rule`], ['quiz', `${base}/ru/quizzes/first-interrogation-quiz`]] as const) {
          await page.goto(`${t.url}${url}`);
          expect(await page.getAttribute('html', 'lang')).toBe(locale);
          expect(await overflowsAt360(page)).toBe(false);
          expect(await axeViolations(page, `${name} ${locale}`)).toEqual([]);
          await screenshots(page, `translate-${name}-${locale}`);
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }, 240_000);

  it('publishes the translation as a new version that learners read in that language', async () => {
    const overview = (await pages.get(`${base}/az`).expect(200)).text;
    await pages.post(`${base}/az`, { revision: revision(overview), title: 'Vəkilə çıxış: əsas məqamlar (redaktə)', summary: field(overview, 'summary')! }).expect(303);
    const rev = (await request(t.url).get(`/api/v1/author/courses/${COURSE}/draft`).set(trainer.auth).expect(200)).body.revision;
    await request(t.url).post(`/api/v1/author/courses/${COURSE}/draft/publication`).set(trainer.auth).send({ revision: rev }).expect(201);
    const course = (await request(t.url).get(`/api/v1/courses/${COURSE}?lang=az`).expect(200)).body;
    expect(course.title).toBe('Vəkilə çıxış: əsas məqamlar (redaktə)');
    expect(course.languages).toEqual(['az', 'en', 'ru']);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DRAFT_LIMITS } from '@themis/catalog';
import { createTestApp, FIXTURE_COURSES, loginAs, SignedInUser, TestApp } from '@themis/testing';

const manyOptions = (n: number) => `::wide:: Pick one {=right ${Array.from({ length: n - 1 }, (_, i) => `~wrong${i}`).join(' ')}}\n`;
const manyQuestions = (n: number, prefix = 'q') => Array.from({ length: n }, (_, i) => `::${prefix}${i}:: Statement ${i} {T}\n`).join('\n');

/**
 * Issue 20, item 3: one trainer could stall the server with a quiz of 40,000 options, and every
 * draft answer read the bibliography from courses/ again. The editor now refuses what is past its
 * limits (400 or 413, in the trainer's language on pages), and answers from memory.
 */
describe('Limits of what one trainer may put in a draft', () => {
  let t: TestApp;
  let trainer: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    trainer = await loginAs(t, 'trainer');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await request(t.url).delete('/api/v1/author/courses/path-course/draft').set(trainer.auth);
    await request(t.url).post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
  });
  const revision = async () => (await request(t.url).get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(200)).body.revision as number;
  const importGift = async (gift: string) => request(t.url).post('/api/v1/author/courses/path-course/draft/quizzes/basics-quiz/gift').set(trainer.auth).send({ revision: await revision(), gift });

  it(`refuses a question with more than ${DRAFT_LIMITS.optionsPerQuestion} options with 400 naming options, and keeps the draft as it was`, async () => {
    const before = await revision();
    const res = await importGift(manyOptions(DRAFT_LIMITS.optionsPerQuestion + 1)).then((r) => r);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: expect.stringMatching(/options$/), limit: 'optionsPerQuestion' });
    expect(res.body.message).toMatch(new RegExp(`at most ${DRAFT_LIMITS.optionsPerQuestion} options`));
    expect(await revision()).toBe(before);
    await (await importGift(manyOptions(DRAFT_LIMITS.optionsPerQuestion).replace('wide', 'just-enough'))).ok;
    expect(await revision()).toBe(before + 1);
  });

  it(`refuses a quiz of more than ${DRAFT_LIMITS.questionsPerQuiz} questions with 400 naming questions`, async () => {
    const res = await importGift(manyQuestions(DRAFT_LIMITS.questionsPerQuiz + 1));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: expect.stringMatching(/questions$/), limit: 'questionsPerQuiz' });
  });

  it('refuses a draft grown past its size with 413, however it got there', async () => {
    const prompt = 'A long statement. '.repeat(1100);
    let last = 0;
    for (let i = 0; i < 30 && last !== 413; i++) {
      const res = await importGift(Array.from({ length: 9 }, (_, j) => `::big${i}x${j}:: ${prompt} {T}\n`).join('\n'));
      last = res.status;
      if (last !== 200) expect(res.body).toMatchObject({ statusCode: 413, limit: 'draftBytes', message: expect.stringMatching(/MB/) });
      else expect({ last, body: res.body }).toMatchObject({ last: 200 });
    }
    expect(last).toBe(413);
    const draft = await request(t.url).get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(200);
    expect(Buffer.byteLength(JSON.stringify(draft.body.content))).toBeLessThanOrEqual(DRAFT_LIMITS.draftBytes);
  });

  it('refuses an archive whose course is past the size, importing nothing', async () => {
    const yazl = await import('yazl');
    const lesson = `---\ntitle: Long\n---\n${'A paragraph of a long lesson. '.repeat(6000)}\n`;
    const lessons = Array.from({ length: 14 }, (_, i) => `l${i}`);
    const files: Record<string, string> = {
      'wide/course.yaml': 'title: T\nsummary: S\naudience: [judge]\ncleHours: {ethics: 1}\nmodules: [m]\n',
      'wide/m/module.yaml': `title: M\nlessons: [${lessons.join(', ')}]\n`,
      ...Object.fromEntries(lessons.map((l) => [`wide/m/${l}.md`, lesson])),
    };
    const z = new yazl.ZipFile();
    for (const [name, text] of Object.entries(files)) z.addBuffer(Buffer.from(text), name);
    z.end();
    const body = await new Promise<Buffer>((resolve) => { const c: Buffer[] = []; z.outputStream.on('data', (d: Buffer) => c.push(d)).on('end', () => resolve(Buffer.concat(c))); });
    const res = await request(t.url).post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip').send(body);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 413, body: { limit: 'draftBytes' } });
    await request(t.url).get('/api/v1/courses/wide').expect(404);
  });

  it('says so on the page in the trainer\'s language', async () => {
    await t.db.query(`UPDATE users SET locale = 'ru' WHERE id = $1`, [trainer.id]);
    const session = `themis_session=${trainer.token}`;
    const page = await request(t.url).get('/staff/authoring/path-course/quizzes/basics-quiz').set('Cookie', session).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
    const res = await request(t.url).post('/staff/authoring/path-course/quizzes/basics-quiz/gift').set('Cookie', `${session}; ${csrf}`).set('X-Csrf-Token', token).type('form')
      .send({ revision: String(await revision()), gift: manyOptions(DRAFT_LIMITS.optionsPerQuestion + 1) });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`не больше ${DRAFT_LIMITS.optionsPerQuestion}`);
    await t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [trainer.id]);
  });

  it('answers draft reads, saves and previews without reading courses/ from disk', async () => {
    const dir = path.resolve(FIXTURE_COURSES);
    const reads: string[] = [];
    // The module object itself (the namespace import above is a frozen copy): what the app's code calls.
    const nodeFs = require('node:fs') as typeof fs;
    const spies = (['readFileSync', 'readdirSync', 'existsSync', 'statSync', 'openSync'] as const).map((name) => {
      const original = nodeFs[name] as (...a: unknown[]) => unknown;
      return jest.spyOn(nodeFs, name).mockImplementation(((...args: unknown[]) => {
        if (typeof args[0] === 'string' && path.resolve(args[0]).startsWith(dir)) reads.push(`${name} ${args[0]}`);
        return original.apply(nodeFs, args);
      }) as never);
    });
    try {
      await request(t.url).get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(200);
      await request(t.url).put('/api/v1/author/courses/path-course/draft/lessons/lesson-one').set(trainer.auth).send({ revision: await revision(), title: 'One', markdown: 'Cites [@salduz-v-turkey].' }).expect(200);
      await request(t.url).post('/api/v1/author/preview').set(trainer.auth).send({ markdown: 'Cites [@salduz-v-turkey].' }).expect(200);
      await request(t.url).get('/api/v1/author/bibliography').set(trainer.auth).expect(200);
      await request(t.url).get('/staff/authoring/path-course/lessons/lesson-one').set('Cookie', `themis_session=${trainer.token}`).expect(200);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(reads).toEqual([]);
  });
});

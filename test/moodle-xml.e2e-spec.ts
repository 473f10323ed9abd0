import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DRAFT_LIMITS } from '@themis/catalog';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'moodle-xml', name), 'utf8');
const quizOf = (...questions: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${questions.join('\n')}\n</quiz>\n`;
const choice = (name: string, options: number) =>
  `<question type="multichoice"><name><text>${name}</text></name><questiontext format="plain_text"><text>Pick one</text></questiontext><single>true</single>${Array.from({ length: options }, (_, i) => `<answer fraction="${i === 0 ? 100 : 0}"><text>option ${i}</text></answer>`).join('')}</question>`;
const statement = (i: number) => `<question type="truefalse"><name><text>s${i}</text></name><questiontext><text>Statement ${i}</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`;

/** Issue 21 item 4: Moodle XML in and out of a draft quiz, through the authoring API and the editor's page, within the editor's limits (issue 20 item 3). */
describe('Moodle XML import and export', () => {
  let t: TestApp;
  let trainer: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    trainer = await loginAs(t, 'trainer');
  });
  afterAll(() => t.close());
  const api = () => request(t.url);
  const freshDraft = async () => {
    await api().delete('/api/v1/author/courses/path-course/draft').set(trainer.auth);
    return (await api().post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201)).body as { revision: number; content: { modules: { quiz: { questions: unknown[] } }[] } };
  };
  const importXml = (revision: number, xml: string) => api().post('/api/v1/author/courses/path-course/draft/quizzes/basics-quiz/moodle-xml').set(trainer.auth).send({ revision, xml });

  it('adds Moodle\'s test questions to a draft quiz and lists what it refused by number and name', async () => {
    const draft = await freshDraft();
    const before = draft.content.modules[0]!.quiz.questions.length;
    const res = await importXml(draft.revision, fixture('xmlformat_test_questions.xml')).expect(200);
    expect(res.body.imported).toEqual([
      { id: 'matching-question', type: 'matching', category: null },
      { id: 'multiple-choice-question', type: 'multiple', category: null },
      { id: 'numerical-question', type: 'numerical', category: null },
      { id: 'short-answer-question', type: 'short_answer', category: null },
      { id: 'true-false-question', type: 'true_false', category: null },
    ]);
    expect(res.body.notImported.map((p: { question: number; name: string; code: string }) => [p.question, p.name, p.code])).toEqual([[6, 'An essay', 'unsupported_type'], [7, 'A description', 'unsupported_type'], [8, 'Simple multianswer', 'unsupported_type']]);
    expect(res.body.changed).toEqual([]);
    const questions = res.body.draft.content.modules[0].quiz.questions;
    expect(questions).toHaveLength(before + 5);
    expect(questions[before + 3]).toMatchObject({ id: 'short-answer-question', answers: [{ text: 'Beta', fraction: 1 }, { text: '*', fraction: 0 }] });
    // A stale revision changes nothing.
    await importXml(draft.revision, fixture('multichoice.xml')).expect(409);
  });

  it('exports a published quiz that imports back the same, so publishing it again changes nothing', async () => {
    const exported = await api().get('/api/v1/author/courses/path-course/quizzes/basics-quiz/moodle-xml').set(trainer.auth).expect(200);
    expect(exported.headers['content-type']).toBe('application/xml; charset=utf-8');
    const draft = await freshDraft();
    const quiz = draft.content.modules[0]!.quiz;
    const before = quiz.questions;
    quiz.questions = [];
    const emptied = await api().put('/api/v1/author/courses/path-course/draft').set(trainer.auth).send({ revision: draft.revision, content: draft.content }).expect(200);
    const back = await importXml(emptied.body.revision, exported.text).expect(200);
    expect({ notImported: back.body.notImported, changed: back.body.changed }).toEqual({ notImported: [], changed: [] });
    expect(back.body.draft.content.modules[0].quiz.questions).toEqual(before);
    const viaDraft = await api().get('/api/v1/author/courses/path-course/draft/quizzes/basics-quiz/moodle-xml').set(trainer.auth).expect(200);
    expect(viaDraft.text).toBe(exported.text);
    const published = await api().post('/api/v1/author/courses/path-course/draft/publication').set(trainer.auth).send({ revision: back.body.draft.revision }).expect(201);
    expect(published.body.changed).toBe(false);
  });

  it(`keeps the draft limits: ${DRAFT_LIMITS.optionsPerQuestion} options a question, ${DRAFT_LIMITS.questionsPerQuiz} questions a quiz, and refuses a file that is not XML, naming xml`, async () => {
    const draft = await freshDraft();
    const wide = await importXml(draft.revision, quizOf(choice('wide', DRAFT_LIMITS.optionsPerQuestion + 1))).expect(400);
    expect(wide.body).toMatchObject({ limit: 'optionsPerQuestion', field: expect.stringMatching(/options$/) });
    const many = await importXml(draft.revision, quizOf(...Array.from({ length: DRAFT_LIMITS.questionsPerQuiz + 1 }, (_, i) => statement(i)))).expect(400);
    expect(many.body).toMatchObject({ limit: 'questionsPerQuiz' });
    const broken = await importXml(draft.revision, '<quiz><question type="truefalse"></quiz>').expect(400);
    expect(broken.body).toMatchObject({ field: 'xml', message: expect.stringMatching(/not well-formed XML: line 1/) });
    const bomb = await importXml(draft.revision, '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>').expect(400);
    expect(bomb.body).toMatchObject({ field: 'xml' });
    const big = await importXml(draft.revision, quizOf(`<!-- ${'x'.repeat(1024 * 1024)} -->`)).expect(400);
    expect(JSON.stringify(big.body.message)).toMatch(/xml/);
    const now = (await api().get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(200)).body;
    expect(now.revision).toBe(draft.revision);
  });

  it('imports through the editor page, saying in the trainer\'s language what was refused and what lost its files, and downloads the draft as Moodle XML', async () => {
    await t.db.query(`UPDATE users SET locale = 'ru' WHERE id = $1`, [trainer.id]);
    try {
      const draft = await freshDraft();
      const session = `themis_session=${trainer.token}`;
      const page = await api().get('/staff/authoring/path-course/quizzes/basics-quiz').set('Cookie', session).expect(200);
      expect(page.text).toContain('Вопросы в формате Moodle XML');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
      const upload = (name: string, body: string, revision: number) => api().post('/staff/authoring/path-course/quizzes/basics-quiz/moodle-xml').set('Cookie', `${session}; ${csrf}`)
        .field('_csrf', token).field('revision', String(revision)).attach('moodle-xml-file', Buffer.from(body), name);
      const res = await upload('nested.xml', fixture('nested_categories_with_questions.xml'), draft.revision).expect(200);
      expect(res.text).toContain('Вопрос 2 (“Kappa Essay Question”): вопросов Moodle типа «essay» в Themis нет');
      const revision = (await api().get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(200)).body.revision as number;
      expect(revision).toBe(draft.revision + 1);
      const withFiles = await upload('multichoice.xml', fixture('multichoice.xml'), revision).expect(200);
      expect(withFiles.text).toContain('Добавлены без изображений и звука');
      expect(withFiles.text).toContain('Вопрос 1 (“Greeting”): bonjour.mp3, flag-uk.jpg');
      const bad = await upload('bad.xml', 'not xml at all <', revision + 1).expect(400);
      expect(bad.text).toMatch(/не корректный XML|не файл Moodle XML/);
      const href = /href="([^"]+\/moodle-xml[^"]*)" download/.exec(withFiles.text)?.[1]?.replace(/&amp;/g, '&');
      expect(href).toBe('/staff/authoring/path-course/quizzes/basics-quiz/moodle-xml?version=draft');
      const file = await api().get(href!).set('Cookie', session).expect(200);
      expect(file.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(file.headers['content-disposition']).toMatch(/path-course-basics-quiz-draft-r\d+\.moodle\.xml/);
      expect(file.text).toContain('<text>greeting</text>');
    } finally {
      await t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [trainer.id]);
    }
  });
});

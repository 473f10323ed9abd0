import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { CourseImporter, readCatalog } from '@themis/catalog';
import { projectRoot } from '@themis/core';
import { UsersService } from '@themis/identity';
import { answersFromKey, createTestApp, LearnerPath, loginAs, TestApp } from '@themis/testing';

const COURSE = 'access-to-a-lawyer-essentials';
const QUIZ = 'first-interrogation-quiz';

/** The real essentials course (translated into az and ru) and its bibliography, in a folder of its own. */
function essentialsFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-languages-'));
  fs.cpSync(path.join(projectRoot, 'courses', 'bibliography'), path.join(dir, 'bibliography'), { recursive: true });
  fs.cpSync(path.join(projectRoot, 'courses', COURSE), path.join(dir, COURSE), { recursive: true });
  return dir;
}

describe('Course content in the learner\'s language', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = essentialsFolder();
    t = await createTestApp({ coursesDir: dir });
  });
  afterAll(() => t.close());

  it('lists the course with its languages and serves it in the language asked for, 400 naming lang otherwise', async () => {
    const list = await request(t.url).get('/api/v1/courses').expect(200);
    expect(list.body.find((c: { slug: string }) => c.slug === COURSE)).toMatchObject({ languages: ['az', 'en', 'ru'], language: 'en' });
    const ru = await request(t.url).get(`/api/v1/courses/${COURSE}?lang=ru`).expect(200);
    expect(ru.body).toMatchObject({ language: 'ru', sourceLanguage: 'en', title: 'Доступ к адвокату: главное', modules: [{ title: 'Защитник на первом допросе', language: 'ru', lessons: [{ title: 'Правило Салдуза', language: 'ru' }, expect.anything()] }] });
    const en = await request(t.url).get(`/api/v1/courses/${COURSE}`).expect(200);
    expect(en.body).toMatchObject({ language: 'en', title: 'Access to a lawyer: the essentials' });
    const bad = await request(t.url).get(`/api/v1/courses/${COURSE}?lang=fr`).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/lang/);
  });

  it('keeps the enrolment\'s language, lets the learner switch without losing progress, and never lets a translation change the key', async () => {
    const learner = await loginAs(t);
    const admin = await loginAs(t, 'admin');
    const enrolled = await request(t.url).post(`/api/v1/courses/${COURSE}/enrollment?lang=ru`).set(learner.auth).expect(201);
    expect(enrolled.body.language).toBe('ru');
    const lesson = await request(t.url).get(`/api/v1/courses/${COURSE}/lessons/the-salduz-rule`).set(learner.auth).expect(200);
    expect(lesson.body).toMatchObject({ language: 'ru', languageFallback: false, title: 'Правило Салдуза' });
    expect(lesson.body.html).toContain('<cite class="case-ref" data-case="salduz-v-turkey" lang="en">Salduz v. Turkey</cite>');
    await new LearnerPath(t, learner).studied();
    await request(t.url).post(`/api/v1/courses/${COURSE}/lessons/the-salduz-rule/completion`).set(learner.auth).expect(200);

    const switched = await request(t.url).patch(`/api/v1/courses/${COURSE}/enrollment`).set(learner.auth).send({ language: 'az' }).expect(200);
    expect(switched.body.language).toBe('az');
    const progress = await request(t.url).get(`/api/v1/courses/${COURSE}`).set(learner.auth).expect(200);
    expect(progress.body).toMatchObject({ language: 'az', title: 'Vəkilə çıxış hüququ: əsas müddəalar' });
    await request(t.url).patch(`/api/v1/courses/${COURSE}/enrollment`).set(learner.auth).send({ language: 'xx' }).expect(400);

    const path = new LearnerPath(t, learner);
    await path.completeAllLessons(COURSE);
    const attempt = await request(t.url).post(`/api/v1/courses/${COURSE}/quizzes/${QUIZ}/attempts?lang=ru`).set(learner.auth).expect(201);
    expect(attempt.body.language).toBe('ru');
    const night = attempt.body.questions.find((q: { prompt: string }) => q.prompt.startsWith('Семнадцатилетнего'));
    expect(night.options.map((o: { text: string }) => o.text)).toEqual(expect.arrayContaining(['Признать их допустимыми, поскольку до допроса он не просил адвоката в письменной форме.']));
    const trueFalse = attempt.body.questions.find((q: { type: string }) => q.type === 'true_false');
    expect(trueFalse.options.map((o: { text: string }) => o.text).sort()).toEqual(['Верно', 'Неверно']);

    // The key comes from the source: the right options by id are the same whatever the language.
    const key = await request(t.url).get(`/api/v1/author/courses/${COURSE}/quizzes/${QUIZ}`).set(admin.auth).expect(200);
    // Option ids are drawn per attempt: the same open attempt read in the key's language maps the key's texts to its ids.
    const shownEn = await request(t.url).post(`/api/v1/courses/${COURSE}/quizzes/${QUIZ}/attempts?lang=en`).set(learner.auth).expect(201);
    expect(shownEn.body.attemptId).toBe(attempt.body.attemptId);
    const answers = answersFromKey(key.body, shownEn.body, true);
    const graded = await request(t.url).post(`/api/v1/attempts/${attempt.body.attemptId}/submission`).set(learner.auth).send({ answers }).expect(200);
    expect(graded.body).toMatchObject({ score: 100, passed: true });
    expect(graded.body.results.map((r: { explanation?: string }) => r.explanation ?? '').join(' ')).toMatch(/Hökumət|dövlət/);
  });

  it('defaults the content language to the interface language, and serves the source with a note where a translation is missing', async () => {
    const learner = await loginAs(t);
    await t.app.get(UsersService).updateProfile(learner.id, { locale: 'az' });
    const enrolled = await request(t.url).post(`/api/v1/courses/${COURSE}/enrollment`).set(learner.auth).expect(201);
    expect(enrolled.body.language).toBe('az');

    const early = await loginAs(t);
    await request(t.url).post(`/api/v1/courses/${COURSE}/enrollment?lang=ru`).set(early.auth).expect(201);
    const before = await request(t.url).get(`/api/v1/courses/${COURSE}`).set(early.auth).expect(200);

    // A new version that changes only translations: the Russian second lesson is gone, the first one's title is revised.
    fs.rmSync(path.join(dir, COURSE, 'first-interrogation', 'delays-and-overall-fairness.ru.md'));
    const salduz = path.join(dir, COURSE, 'first-interrogation', 'the-salduz-rule.ru.md');
    fs.writeFileSync(salduz, fs.readFileSync(salduz, 'utf8').replace('title: Правило Салдуза', 'title: Правило Салдуза (2008)'));
    const { courses } = readCatalog(dir);
    const outcome = await t.app.get(CourseImporter).importCourse(courses.find((c) => c.slug === COURSE)!);
    expect(outcome).toMatchObject({ changed: true, version: before.body.version + 1 });

    // The earlier enrolment reads the newer translations but stays on its own version.
    const after = await request(t.url).get(`/api/v1/courses/${COURSE}`).set(early.auth).expect(200);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.modules[0].lessons[0]).toMatchObject({ title: 'Правило Салдуза (2008)', language: 'ru' });
    await new LearnerPath(t, early).completeAllLessons(COURSE);
    const reader = await loginAs(t);
    await request(t.url).post(`/api/v1/courses/${COURSE}/enrollment?lang=ru`).set(reader.auth).expect(201);
    const missing = await request(t.url).get(`/api/v1/courses/${COURSE}/lessons/delays-and-overall-fairness`).set(reader.auth).expect(200);
    expect(missing.body).toMatchObject({ language: 'en', languageFallback: true, title: 'Delays, compelling reasons and overall fairness' });
    const detail = await request(t.url).get(`/api/v1/courses/${COURSE}`).set(reader.auth).expect(200);
    expect(detail.body.modules[0].lessons.map((l: { language: string }) => l.language)).toEqual(['ru', 'en']);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { CourseImporter } from '@themis/catalog';
import { createTestApp, FIXTURE_COURSES, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

jest.setTimeout(120_000);

/**
 * Issue 20, item 14. Hand-computed: on path-course v1, learner A fails basics-quiz once and then passes,
 * learner B passes at once. Attempts 3, passed attempts 2 → per attempt 2/3 = 0.667 (67 %); learners who
 * submitted 2, learners who passed 2 → per learner 2/2 = 1 (100 %). Then v2 is published with nobody on it.
 */
describe('Trainer report across versions', () => {
  let t: TestApp;
  let dir: string;
  let trainer: SignedInUser;
  let admin: SignedInUser;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-report-versions-'));
    fs.cpSync(FIXTURE_COURSES, dir, { recursive: true });
    t = await createTestApp({ coursesDir: dir });
    trainer = await loginAs(t, 'trainer');
    admin = await loginAs(t, 'admin');
    for (const failsFirst of [true, false]) {
      const learner = new LearnerPath(t, await loginAs(t, 'learner'));
      await learner.enroll('path-course');
      await learner.completeAllLessons('path-course');
      if (failsFirst) {
        const wrong = await learner.answerQuiz('path-course', 'basics-quiz', admin, false);
        await request(t.url).post(`/api/v1/attempts/${wrong.attemptId}/submission`).set(learner.user.auth).send({ answers: wrong.answers }).expect(200);
      }
      await learner.passQuiz('path-course', 'basics-quiz', admin);
    }
    const lessonFile = path.join(dir, 'path-course', 'basics', 'lesson-one.md');
    fs.writeFileSync(lessonFile, fs.readFileSync(lessonFile, 'utf8').replace('The first lesson', 'The revised first lesson'));
    const report = await t.app.get(CourseImporter).importFolder(dir);
    expect(report.outcomes).toEqual(expect.arrayContaining([{ slug: 'path-course', version: 2, changed: true }]));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows by default the newest version with enrolments, and lists every version to choose from', async () => {
    const { body } = await request(t.url).get('/api/v1/author/courses/path-course/report').set(trainer.auth).expect(200);
    expect(body).toMatchObject({ version: 1, enrolments: 2, completed: 2 });
    expect(body.versions).toEqual([
      { version: 2, enrolments: 0, current: true },
      { version: 1, enrolments: 2, current: false },
    ]);
    const v2 = await request(t.url).get('/api/v1/author/courses/path-course/report?version=2').set(trainer.auth).expect(200);
    expect(v2.body).toMatchObject({ version: 2, enrolments: 0 });
  });

  it('gives pass figures per attempt and per learner', async () => {
    const { body } = await request(t.url).get('/api/v1/author/courses/path-course/report?version=1').set(trainer.auth).expect(200);
    expect(body.quizzes[0]).toMatchObject({ attempts: 3, attemptsPassed: 2, passRate: 0.667, learners: 2, learnersPassed: 2, learnerPassRate: 1 });
  });

  it('offers the choice of version on the page and labels both pass figures', async () => {
    const cookie = `themis_session=${trainer.token}`;
    const page = await request(t.url).get('/staff/reports/path-course').set('Cookie', cookie).expect(200);
    expect(page.text).toMatch(/<select id="version" name="version">/);
    expect(page.text).toMatch(/<option value="1" selected>/);
    expect(page.text).toMatch(/<option value="2">/);
    expect(page.text).toContain('Pass rate per attempt');
    expect(page.text).toContain('67%');
    expect(page.text).toContain('Learners who passed');
    expect(page.text).toContain('2 of 2 (100%)');
    const chosen = await request(t.url).get('/staff/reports/path-course?version=2').set('Cookie', cookie).expect(200);
    expect(chosen.text).toMatch(/<option value="2" selected>/);
  });
});

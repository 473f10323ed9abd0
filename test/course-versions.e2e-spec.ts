import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { CourseImporter } from '@themis/catalog';
import { createTestApp, FIXTURE_COURSES, LearnerPath, loginAs, TestApp } from '@themis/testing';

describe('Course versions', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-courses-'));
    fs.cpSync(FIXTURE_COURSES, dir, { recursive: true });
    t = await createTestApp({ coursesDir: dir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const importer = () => t.app.get(CourseImporter);

  it('leaves an unchanged course at its version when imported again', async () => {
    const report = await importer().importFolder(dir);
    expect(report.outcomes).toEqual(expect.arrayContaining([{ slug: 'path-course', version: 1, changed: false }]));
  });

  it('makes an edited course a new version while enrolled learners keep theirs', async () => {
    const early = await loginAs(t);
    await new LearnerPath(t, early).enroll('path-course');
    await request(t.url).post('/api/v1/courses/path-course/lessons/lesson-one/completion').set(early.auth).expect(200);

    const lessonFile = path.join(dir, 'path-course', 'basics', 'lesson-one.md');
    fs.writeFileSync(lessonFile, fs.readFileSync(lessonFile, 'utf8').replace('The first lesson', 'The revised first lesson'));
    fs.writeFileSync(path.join(dir, 'path-course', 'basics', 'lesson-three.md'), '---\ntitle: Lesson three\n---\nA lesson added in version 2.\n');
    const moduleFile = path.join(dir, 'path-course', 'basics', 'module.yaml');
    fs.writeFileSync(moduleFile, fs.readFileSync(moduleFile, 'utf8').replace('lessons: [lesson-one, lesson-two]', 'lessons: [lesson-one, lesson-two, lesson-three]'));

    const report = await importer().importFolder(dir);
    expect(report.outcomes).toEqual(expect.arrayContaining([{ slug: 'path-course', version: 2, changed: true }]));

    const catalogue = await request(t.url).get('/api/v1/courses').expect(200);
    expect(catalogue.body.find((c: { slug: string }) => c.slug === 'path-course').version).toBe(2);

    const kept = await request(t.url).get('/api/v1/courses/path-course').set(early.auth).expect(200);
    expect(kept.body.version).toBe(1);
    expect(kept.body.modules[0].lessons).toHaveLength(2);
    const oldLesson = await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-one').set(early.auth).expect(200);
    expect(oldLesson.body.html).not.toContain('revised');
    await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-three').set(early.auth).expect(404);
    const [progress] = (await request(t.url).get('/api/v1/me/progress').set(early.auth).expect(200)).body;
    expect(progress).toMatchObject({ version: 1, completedLessons: 1, totalLessons: 2 });

    const late = await loginAs(t);
    await new LearnerPath(t, late).enroll('path-course');
    const fresh = await request(t.url).get('/api/v1/courses/path-course').set(late.auth).expect(200);
    expect(fresh.body.version).toBe(2);
    const newLesson = await request(t.url).get('/api/v1/courses/path-course/lessons/lesson-one').set(late.auth).expect(200);
    expect(newLesson.body.html).toContain('The revised first lesson');
  });

  it('does not import a course whose files have problems, and keeps serving its last good version', async () => {
    const quizFile = path.join(dir, 'timed-course', 'only', 'quiz.yaml');
    fs.writeFileSync(quizFile, fs.readFileSync(quizFile, 'utf8').replace('passMark: 100', 'passMark: 250'));
    const report = await importer().importFolder(dir);
    expect(report.invalid).toContain('timed-course');
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: quizFile, line: 2 })]));
    const res = await request(t.url).get('/api/v1/courses/timed-course').expect(200);
    expect(res.body.version).toBe(1);
  });
});

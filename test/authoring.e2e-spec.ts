import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import * as yazl from 'yazl';
import { createTestApp, FIXTURE_COURSES, LearnerPath, loginAs, SignedInUser, TestApp, binaryBody } from '@themis/testing';

const zipOf = (files: Record<string, string>): Promise<Buffer> => {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
  });
};
describe('Authoring', () => {
  let t: TestApp;
  let dir: string;
  let trainer: SignedInUser;
  let other: SignedInUser;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-authoring-'));
    fs.cpSync(FIXTURE_COURSES, dir, { recursive: true });
    t = await createTestApp({ coursesDir: dir });
    trainer = await loginAs(t, 'trainer', { fullName: 'Aytən Məmmədova' });
    other = await loginAs(t, 'trainer', { fullName: 'Гюльнара Алиева' });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const api = () => request(t.url);

  /** The editor's pages as a browser uses them: the session cookie, and the CSRF token a page renders. */
  const pagesAs = async (user: SignedInUser) => {
    const session = `themis_session=${user.token}`;
    const page = await api().get('/staff/authoring').set('Cookie', session).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='));
    if (!token || !csrf) throw new Error('no CSRF token on /staff/authoring');
    const cookie = `${session}; ${csrf}`;
    return {
      get: (url: string) => api().get(url).set('Cookie', cookie).redirects(0),
      post: (url: string, form: Record<string, string> | string) =>
        api().post(url).set('Cookie', cookie).set('X-Csrf-Token', token).type('form').redirects(0).send(form),
    };
  };
  const revisionOf = async (slug: string) => (await api().get(`/api/v1/author/courses/${slug}/draft`).set(trainer.auth).expect(200)).body.revision as number;

  it('refuses learners', async () => {
    const learner = await loginAs(t);
    await api().post('/api/v1/author/courses/path-course/draft').set(learner.auth).expect(403);
    await api().get('/api/v1/author/courses/path-course/report').set(learner.auth).expect(403);
  });

  it('publishes a draft as a new version while a learner enrolled earlier keeps the old one, and shows what changed', async () => {
    const early = await loginAs(t);
    await new LearnerPath(t, early).enroll('path-course');

    const opened = await api().post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
    expect(opened.body).toMatchObject({ baseVersion: 1, revision: 1, problems: [] });
    const lesson = await api().put('/api/v1/author/courses/path-course/draft/lessons/lesson-one').set(trainer.auth)
      .send({ revision: 1, title: 'Lesson one, revised', markdown: 'The revised first lesson, citing [@salduz-v-turkey].' }).expect(200);
    expect(lesson.body.revision).toBe(2);
    const content = lesson.body.content;
    content.modules[0].lessons.push({ slug: 'lesson-three', title: 'Lesson three', cases: [], markdown: 'Added in the editor.' });
    const quiz = content.modules[0].quiz;
    quiz.questions[0].prompt = `${quiz.questions[0].prompt} (reworded)`;
    const removed = quiz.questions.pop();
    const saved = await api().put('/api/v1/author/courses/path-course/draft').set(trainer.auth).send({ revision: 2, content }).expect(200);
    expect(saved.body.problems).toEqual([]);

    const published = await api().post('/api/v1/author/courses/path-course/draft/publication').set(trainer.auth).send({ revision: 3 }).expect(201);
    expect(published.body).toEqual({ slug: 'path-course', version: 2, changed: true });
    await api().get('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(404);

    const kept = await api().get('/api/v1/courses/path-course').set(early.auth).expect(200);
    expect(kept.body.version).toBe(1);
    expect((await api().get('/api/v1/courses/path-course/lessons/lesson-one').set(early.auth).expect(200)).body.html).not.toContain('revised');
    const late = await loginAs(t);
    await new LearnerPath(t, late).enroll('path-course');
    expect((await api().get('/api/v1/courses/path-course').set(late.auth).expect(200)).body.version).toBe(2);
    expect((await api().get('/api/v1/courses/path-course/lessons/lesson-one').set(late.auth).expect(200)).body.html).toContain('The revised first lesson');

    const diff = await api().get('/api/v1/author/courses/path-course/diff?from=1&to=2').set(trainer.auth).expect(200);
    expect(diff.body.lessons.added).toEqual([{ slug: 'lesson-three', title: 'Lesson three', module: 'basics' }]);
    expect(diff.body.lessons.edited).toEqual([expect.objectContaining({ slug: 'lesson-one', fields: expect.arrayContaining(['title', 'markdown']) })]);
    expect(diff.body.questions.removed).toEqual([expect.objectContaining({ id: removed.id })]);
    expect(diff.body.questions.edited).toEqual([expect.objectContaining({ id: quiz.questions[0].id, fields: ['prompt'] })]);
    expect(diff.body.lessons.removed).toEqual([]);
  });

  it('refuses a save made from a stale revision, naming who saved first, and keeps their work', async () => {
    const { body: draft } = await api().post('/api/v1/author/courses/timed-course/draft').set(trainer.auth).expect(201);
    const lessonSlug = draft.content.modules[0].lessons[0].slug;
    await api().put(`/api/v1/author/courses/timed-course/draft/lessons/${lessonSlug}`).set(other.auth).send({ revision: draft.revision, markdown: 'Гюльнара’s text.' }).expect(200);
    const stale = await api().put(`/api/v1/author/courses/timed-course/draft/lessons/${lessonSlug}`).set(trainer.auth).send({ revision: draft.revision, markdown: 'Aytən’s text.' }).expect(409);
    expect(stale.body.message).toMatch(/Гюльнара Алиева saved this draft .* nothing of yours was saved/);
    expect(stale.body.currentRevision).toBe(draft.revision + 1);
    const now = await api().get('/api/v1/author/courses/timed-course/draft').set(trainer.auth).expect(200);
    expect(now.body.content.modules[0].lessons[0].markdown).toBe('Гюльнара’s text.');
    await api().post('/api/v1/author/courses/timed-course/draft/publication').set(trainer.auth).send({ revision: draft.revision }).expect(409);
    await api().delete('/api/v1/author/courses/timed-course/draft').set(trainer.auth).expect(204);
  });

  it('shows validation problems on their fields and refuses to publish until they are fixed', async () => {
    const { body } = await api().post('/api/v1/author/courses').set(trainer.auth).send({ slug: 'new-course', title: 'A new course' }).expect(201);
    // The English of courses:validate as `message`, and a stable code with its parameters for a translation.
    expect(body.problems).toEqual(expect.arrayContaining([{ field: 'summary', code: 'emptyText', params: { key: 'summary' }, message: '"summary" must be non-empty text' }]));
    const refused = await api().post('/api/v1/author/courses/new-course/draft/publication').set(trainer.auth).send({ revision: 1 }).expect(400);
    expect(refused.body.problems).toEqual(body.problems);
    await api().post('/api/v1/author/courses').set(trainer.auth).send({ slug: 'path-course', title: 'Taken' }).expect(409);
  });

  it('exports a version as a zip that imports back as the very same version, and imports an edited one as the next', async () => {
    const zip = await api().get('/api/v1/author/courses/path-course/archive?version=2').set(trainer.auth).buffer(true).parse(binaryBody).expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const again = await api().post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip').send(zip.body).expect(201);
    expect(again.body).toEqual({ courses: [{ slug: 'path-course', version: 2, changed: false }] });
    const second = await api().get('/api/v1/author/courses/path-course/archive?version=2').set(trainer.auth).buffer(true).parse(binaryBody).expect(200);
    expect(Buffer.compare(second.body, zip.body)).toBe(0);
  });

  it('refuses archives with paths outside the folder, unknown file kinds, or a course with problems, importing nothing', async () => {
    // yazl will not write "../", so the name is patched in the bytes, as an attacker would.
    const evil = Buffer.from((await zipOf({ 'xx/evil.md': 'x' })).toString('latin1').replaceAll('xx/evil.md', '../evil.md'), 'latin1');
    const slip = await api().post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip').send(evil).expect(400);
    expect(slip.body.message).toMatch(/relative path/);
    await api().post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip').send(await zipOf({ 'c/run.sh': 'x' })).expect(400);
    const broken = await api().post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip')
      .send(await zipOf({ 'zipped/course.yaml': 'title: T\nsummary: S\naudience: [judge]\ncleHours: {ethics: 1}\nmodules: [m]\n', 'zipped/m/module.yaml': 'title: M\nlessons: [l]\n', 'zipped/m/l.md': '---\ntitle: L\n---\nCites [@nowhere].\n' })).expect(400);
    expect(broken.body.problems).toEqual([expect.objectContaining({ file: 'zipped/m/l.md', line: 4, message: expect.stringMatching(/citation "nowhere"/) })]);
    await api().get('/api/v1/courses/zipped').expect(404);
    await api().post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip').send(Buffer.from('not a zip')).expect(400);
  });

  it('imports a new course from a zip written by hand', async () => {
    const res = await api().post('/api/v1/author/course-archives').set(trainer.auth).set('Content-Type', 'application/zip')
      .send(await zipOf({ 'courses/zipped/course.yaml': 'title: Zipped\nsummary: From files\naudience: [judge]\ncleHours: {ethics: 1}\nmodules: [m]\n', 'courses/zipped/m/module.yaml': 'title: M\nlessons: [l]\n', 'courses/zipped/m/l.md': '---\ntitle: L\n---\nCites [@salduz-v-turkey].\n' })).expect(201);
    expect(res.body).toEqual({ courses: [{ slug: 'zipped', version: 1, changed: false }].map((c) => ({ ...c, changed: true })) });
    expect((await api().get('/api/v1/courses/zipped').expect(200)).body.title).toBe('Zipped');
  });

  it('keeps a version published in the editor when the unchanged course folder is imported again on start', async () => {
    const { CourseImporter } = await import('@themis/catalog');
    const report = await t.app.get(CourseImporter).importFolder(dir);
    expect(report.outcomes).toEqual(expect.arrayContaining([{ slug: 'path-course', version: 2, changed: false, filesMatchVersion: 1 }]));
  });

  it('renders the preview exactly as the lesson is rendered for learners', async () => {
    const res = await api().post('/api/v1/author/preview').set(trainer.auth).send({ markdown: '# Heading\n\nSee [@salduz-v-turkey]. <script>alert(1)</script>' }).expect(200);
    expect(res.body.html).toContain('<h2>Heading</h2>');
    expect(res.body.html).toContain('<cite class="case-ref" data-case="salduz-v-turkey">Salduz v. Turkey</cite>');
    expect(res.body.html).not.toContain('<script>');
  });

  it('imports the GIFT test files into a draft quiz, listing what it cannot represent, and exports a quiz to GIFT that imports back the same', async () => {
    const gift = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'gift', name), 'utf8');
    const { body: draft } = await api().post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
    const first = await api().post('/api/v1/author/courses/path-course/draft/quizzes/basics-quiz/gift').set(trainer.auth).send({ revision: draft.revision, gift: gift('multiple-choice.gift') }).expect(200);
    expect(first.body.imported).toEqual([
      { id: 'salduz-access', type: 'single', category: 'ECHR/Article 6' },
      { id: 'two-right', type: 'multiple', category: 'ECHR/Article 6' },
      { id: 'question-3', type: 'single', category: 'ECHR/Article 6' },
    ]);
    expect(first.body.notImported).toEqual([]);
    // Questions without any feedback have no explanation: the validator says so on the field.
    expect(first.body.draft.problems).toEqual([
      { field: 'modules.0.quiz.questions.3.explanation', code: 'emptyText', params: { key: 'explanation' }, message: '"explanation" must be non-empty text' },
      { field: 'modules.0.quiz.questions.4.explanation', code: 'emptyText', params: { key: 'explanation' }, message: '"explanation" must be non-empty text' },
    ].map((p) => ({ ...p, field: p.field.replace('questions.3', `questions.${first.body.draft.content.modules[0].quiz.questions.length - 2}`).replace('questions.4', `questions.${first.body.draft.content.modules[0].quiz.questions.length - 1}`) })));
    const second = await api().post('/api/v1/author/courses/path-course/draft/quizzes/basics-quiz/gift').set(trainer.auth).send({ revision: first.body.draft.revision, gift: gift('unsupported.gift') }).expect(200);
    expect(second.body.imported).toEqual([
      { id: 'numeric', type: 'numerical', category: null },
      { id: 'matching', type: 'matching', category: null },
      { id: 'short', type: 'short_answer', category: null },
      { id: 'missing-word', type: 'single', category: null },
      { id: 'partial', type: 'single', category: null },
    ]);
    expect(second.body.notImported.map((p: { line: number }) => p.line)).toEqual([11, 15, 19]);
    await api().post('/api/v1/author/courses/path-course/draft/quizzes/basics-quiz/gift').set(trainer.auth).send({ revision: first.body.draft.revision, gift: gift('true-false.gift') }).expect(409);
    await api().delete('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(204);

    const exported = await api().get('/api/v1/author/courses/path-course/quizzes/basics-quiz/gift?version=2').set(trainer.auth).expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/plain/);
    const { body: again } = await api().post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
    const quiz = again.content.modules[0].quiz;
    const before = quiz.questions;
    quiz.questions = [];
    const emptied = await api().put('/api/v1/author/courses/path-course/draft').set(trainer.auth).send({ revision: again.revision, content: again.content }).expect(200);
    const back = await api().post('/api/v1/author/courses/path-course/draft/quizzes/basics-quiz/gift').set(trainer.auth).send({ revision: emptied.body.revision, gift: exported.text }).expect(200);
    expect(back.body.notImported).toEqual([]);
    expect(back.body.draft.content.modules[0].quiz.questions).toEqual(before);
    const published = await api().post('/api/v1/author/courses/path-course/draft/publication').set(trainer.auth).send({ revision: back.body.draft.revision }).expect(201);
    expect(published.body).toEqual({ slug: 'path-course', version: 2, changed: false });
  });

  it('deletes a lesson, a quiz and a module from the page forms, refusing a stale form without deleting anything', async () => {
    const pages = await pagesAs(trainer);
    await pages.post('/staff/authoring/timed-course/draft', {}).expect(303);
    const start = await revisionOf('timed-course');
    const lessonPage = await pages.get('/staff/authoring/timed-course/lessons/only-lesson').expect(200);
    expect(lessonPage.text).toContain('action="/staff/authoring/timed-course/lessons/only-lesson/deletion"');
    expect(lessonPage.text).toMatch(/Delete lesson “Only lesson”|Delete lesson “[^”]+”/);

    // Someone else saved in between: the form's revision is stale, so nothing is deleted and the page says who.
    await api().put('/api/v1/author/courses/timed-course/draft/course').set(other.auth).send({ revision: start, summary: 'Edited by the other trainer.' }).expect(200);
    const stale = await pages.post('/staff/authoring/timed-course/lessons/only-lesson/deletion', { revision: String(start) }).expect(409);
    expect(stale.text).toMatch(/Гюльнара Алиева saved this draft \(now revision \d+\) .* nothing was deleted/);
    expect((await api().get('/api/v1/author/courses/timed-course/draft').set(trainer.auth)).body.content.modules[0].lessons).toHaveLength(1);

    const deleted = await pages.post('/staff/authoring/timed-course/lessons/only-lesson/deletion', { revision: String(start + 1) }).expect(303);
    expect(deleted.headers['location']).toBe('/staff/authoring/timed-course/modules/only?deleted=lesson&what=only-lesson');
    expect((await pages.get(deleted.headers['location']).expect(200)).text).toContain('Lesson only-lesson was deleted from the draft.');
    const quizPage = await pages.get('/staff/authoring/timed-course/quizzes/only-quiz').expect(200);
    expect(quizPage.text).toContain('Delete quiz “Timed quiz” with its 1 question(s)');
    await pages.post('/staff/authoring/timed-course/quizzes/only-quiz/deletion', { revision: String(start + 2) }).expect(303);
    const removedModule = await pages.post('/staff/authoring/timed-course/modules/only/deletion', { revision: String(start + 3) }).expect(303);
    expect(removedModule.headers['location']).toBe('/staff/authoring/timed-course?deleted=module&what=only');
    const { body: draft } = await api().get('/api/v1/author/courses/timed-course/draft').set(trainer.auth).expect(200);
    expect(draft.content.modules).toEqual([]);
    expect(draft.revision).toBe(start + 4);
    // Something already gone is a 404 page, not a 500.
    await pages.post('/staff/authoring/timed-course/modules/only/deletion', { revision: String(start + 4) }).expect(404);
  });

  it('discards a whole draft from its page (a stale form discards nothing) and never touches the published version', async () => {
    const pages = await pagesAs(trainer);
    const revision = await revisionOf('timed-course');
    const page = await pages.get('/staff/authoring/timed-course').expect(200);
    expect(page.text).toContain('Discard the draft of timed-course');
    expect(page.text).toContain('The published versions of the course stay exactly as they are.');
    const stale = await pages.post('/staff/authoring/timed-course/deletion', { revision: String(revision - 1) }).expect(409);
    expect(stale.text).toContain('nothing was deleted');
    await api().get('/api/v1/author/courses/timed-course/draft').set(trainer.auth).expect(200);
    const discarded = await pages.post('/staff/authoring/timed-course/deletion', { revision: String(revision) }).expect(303);
    expect(discarded.headers['location']).toBe('/staff/authoring?discarded=timed-course');
    expect((await pages.get(discarded.headers['location']).expect(200)).text).toContain('The draft of timed-course was discarded.');
    await api().get('/api/v1/author/courses/timed-course/draft').set(trainer.auth).expect(404);
    const published = await api().get('/api/v1/courses/timed-course').expect(200);
    expect(published.body.version).toBe(1);
    expect(published.body.modules[0].lessons.map((l: { slug: string }) => l.slug)).toEqual(['only-lesson']);
    // No draft left: discarding again is a 404, never a 500.
    await pages.post('/staff/authoring/timed-course/deletion', { revision: String(revision) }).expect(404);
  });

  it('removes modules, lessons, quizzes and questions through the API under the same revision check', async () => {
    const { body: draft } = await api().post('/api/v1/author/courses/timed-course/draft').set(trainer.auth).expect(201);
    const base = `/api/v1/author/courses/timed-course/draft`;
    const noRevision = await api().delete(`${base}/quizzes/only-quiz/questions/only`).set(trainer.auth).expect(400);
    expect(noRevision.body.message).toMatch(/revision/);
    await api().delete(`${base}/quizzes/only-quiz/questions/only?revision=${draft.revision}`).set((await loginAs(t)).auth).expect(403);
    const question = await api().delete(`${base}/quizzes/only-quiz/questions/only?revision=${draft.revision}`).set(trainer.auth).expect(200);
    expect(question.body.content.modules[0].quiz.questions).toEqual([]);
    const stale = await api().delete(`${base}/lessons/only-lesson?revision=${draft.revision}`).set(trainer.auth).expect(409);
    expect(stale.body.currentRevision).toBe(draft.revision + 1);
    await api().delete(`${base}/lessons/nowhere?revision=${draft.revision + 1}`).set(trainer.auth).expect(404);
    const lesson = await api().delete(`${base}/lessons/only-lesson?revision=${draft.revision + 1}`).set(trainer.auth).expect(200);
    expect(lesson.body.content.modules[0].lessons).toEqual([]);
    const quiz = await api().delete(`${base}/quizzes/only-quiz?revision=${lesson.body.revision}`).set(trainer.auth).expect(200);
    expect(quiz.body.content.modules[0].quiz).toBeUndefined();
    const module = await api().delete(`${base}/modules/only?revision=${quiz.body.revision}`).set(trainer.auth).expect(200);
    expect(module.body.content.modules).toEqual([]);
    await api().delete(`${base}?revision=${module.body.revision - 1}`).set(trainer.auth).expect(409);
    await api().delete(`${base}?revision=${module.body.revision}`).set(trainer.auth).expect(204);
    expect((await api().get('/api/v1/courses/timed-course').expect(200)).body.version).toBe(1);
  });
  it('saves a 120-question quiz through the page form, and answers a form over the limit with a 413 naming it', async () => {
    const pages = await pagesAs(trainer);
    await pages.post('/staff/authoring/courses', { slug: 'big-quiz', title: 'A big quiz' }).expect(303);
    // The same slug again: refused next to the field, in words from the i18n files, nothing created.
    const again = await pages.post('/staff/authoring/courses', { slug: 'big-quiz', title: 'Another' }).expect(409);
    expect(again.text).toMatch(/id="new-slug-error"[^>]*>A draft of “big-quiz” already exists: open it from the list\.</);
    const existing = await pages.post('/staff/authoring/courses', { slug: 'path-course', title: 'Another' }).expect(409);
    expect(existing.text).toContain('A course “path-course” already exists: open a draft of it from the list instead.');
    const { body: created } = await api().get('/api/v1/author/courses/big-quiz/draft').set(trainer.auth).expect(200);
    const options = (n: number) => ['A', 'B', 'C', 'D'].map((x, k) => ({ text: `Option ${x} of question ${n}`, correct: k === 0 }));
    created.content.modules = [{ slug: 'm', title: 'M', outcomes: [], lessons: [], quiz: {
      slug: 'm-quiz', title: 'Large', passMark: 70, maxAttempts: 3,
      questions: Array.from({ length: 120 }, (_, i) => ({ id: `q${i + 1}`, type: 'single', prompt: `Question ${i + 1}?`, explanation: `Because ${i + 1}.`, options: options(i + 1) })),
    } }];
    const { body: saved } = await api().put('/api/v1/author/courses/big-quiz/draft').set(trainer.auth).send({ revision: created.revision, content: created.content }).expect(200);

    // The form as the quiz page sends it: every question with its options and the spare option rows, plus the blank question.
    const form = new URLSearchParams({ revision: String(saved.revision), title: 'Large, revised', passMark: '80', maxAttempts: '3', timeLimitMinutes: '' });
    for (let i = 0; i <= 120; i++) {
      const p = `q.${i}.`;
      form.append(`${p}type`, 'single');
      form.append(`${p}prompt`, i < 120 ? `Question ${i + 1}, reworded?` : '');
      form.append(`${p}explanation`, i < 120 ? `Because ${i + 1}.` : '');
      for (let k = 0; k < 6; k++) form.append(`${p}o.${k}.text`, i < 120 && k < 4 ? `Option ${'ABCD'[k]} of question ${i + 1}` : '');
      if (i < 120) form.append(`${p}o.0.correct`, 'on');
    }
    expect([...form.keys()].length).toBeGreaterThan(1000);
    const ok = await pages.post('/staff/authoring/big-quiz/quizzes/m-quiz', form.toString()).expect(303);
    expect(ok.headers['location']).toBe('/staff/authoring/big-quiz/quizzes/m-quiz?saved=1');
    const { body: after } = await api().get('/api/v1/author/courses/big-quiz/draft').set(trainer.auth).expect(200);
    const quiz = after.content.modules[0].quiz;
    expect([quiz.title, quiz.passMark, quiz.questions.length]).toEqual(['Large, revised', 80, 120]);
    expect(quiz.questions[119]).toEqual({ id: 'q120', type: 'single', prompt: 'Question 120, reworded?', explanation: 'Because 120.', options: options(120) });

    // Past the bound: a 413 page that names the limit, and nothing saved.
    const flood = Array.from({ length: 20_001 }, (_, i) => `f${i}=x`).join('&');
    const refused = await pages.post('/staff/authoring/big-quiz/quizzes/m-quiz', `revision=${after.revision}&${flood}`).expect(413);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('more than 20 000 fields');
    expect(await revisionOf('big-quiz')).toBe(after.revision);
    // Other pages keep the default limit, and say so the same way.
    const elsewhere = await pages.post('/profile', Array.from({ length: 1001 }, (_, i) => `f${i}=x`).join('&')).expect(413);
    expect(elsewhere.text).toContain('more than 1 000 fields');
  });

  it('exports a quiz that exists only in the draft as GIFT, from the link on its page', async () => {
    const pages = await pagesAs(trainer);
    const page = await pages.get('/staff/authoring/big-quiz/quizzes/m-quiz').expect(200);
    const href = /href="([^"]+\/gift[^"]*)" download/.exec(page.text)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBe('/staff/authoring/big-quiz/quizzes/m-quiz/gift?version=draft');
    const gift = await pages.get(href!).expect(200);
    expect(gift.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(gift.headers['content-disposition']).toMatch(/big-quiz-m-quiz-draft-r\d+\.gift\.txt/);
    expect(gift.text).toContain('::q120:: Question 120, reworded? {');
    // The published-version export still needs a version that has the quiz.
    await pages.get('/staff/authoring/big-quiz/quizzes/m-quiz/gift').expect(404);
    await pages.get('/staff/authoring/big-quiz/quizzes/m-quiz/gift?version=x').expect(400);
    const viaApi = await api().get('/api/v1/author/courses/big-quiz/draft/quizzes/m-quiz/gift').set(trainer.auth).expect(200);
    expect(viaApi.text).toBe(gift.text);
    await api().get('/api/v1/author/courses/big-quiz/draft/quizzes/nowhere/gift').set(trainer.auth).expect(404);
  });

  it("shows validation problems next to their fields in the reader's language, with the English kept for the API", async () => {
    const aytan = await loginAs(t, 'trainer', { fullName: 'Aytən Əliyeva' });
    await t.db.query(`UPDATE users SET locale = 'az' WHERE id = $1`, [aytan.id]);
    const pages = await pagesAs(aytan);
    await pages.post('/staff/authoring/courses', { slug: 'tercume', title: 'Tərcümə' }).expect(303);
    const course = await pages.get('/staff/authoring/tercume').expect(200);
    expect(course.text).toContain('<p class="field-error" id="summary-error">&quot;summary&quot; boş olmayan mətn olmalıdır</p>');
    expect(course.text).not.toContain('must be non-empty text');
    const viaApi = await request(t.url).get('/api/v1/author/courses/tercume/draft').set(aytan.auth).expect(200);
    expect(viaApi.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'summary', message: '"summary" must be non-empty text' })]));

    // A lesson citing a judgment the bibliography lacks: the problem sits under the lesson text, in Russian for a Russian reader.
    const draft = viaApi.body;
    draft.content.modules = [{ slug: 'm', title: 'M', outcomes: [], lessons: [{ slug: 'l', title: 'L', cases: [], markdown: 'See [@no-such-case].\n' }] }];
    await request(t.url).put('/api/v1/author/courses/tercume/draft').set(aytan.auth).send({ revision: draft.revision, content: draft.content }).expect(200);
    await t.db.query(`UPDATE users SET locale = 'ru' WHERE id = $1`, [aytan.id]);
    const lesson = await pages.get('/staff/authoring/tercume/lessons/l').expect(200);
    expect(lesson.text).toContain('<p class="field-error" id="markdown-error">ссылки «no-such-case» нет в библиографии (courses/bibliography/*.yaml)</p>');
    const overview = await pages.get('/staff/authoring/tercume').expect(200);
    expect(overview.text).toContain('ссылки «no-such-case» нет в библиографии');
  });
  it("imports Moodle's own GIFT examples into a draft quiz, every question kept", async () => {
    const fresh = await loginAs(t, 'trainer', { fullName: 'Moodle Migrant' });
    const pages = await pagesAs(fresh);
    await pages.post('/staff/authoring/courses', { slug: 'from-moodle', title: 'From Moodle' }).expect(303);
    const draft = (await api().get('/api/v1/author/courses/from-moodle/draft').set(fresh.auth).expect(200)).body;
    const content = { ...draft.content, summary: 'S', audience: ['judge'], cleHours: { ethics: 1 } };
    content.modules = [{ slug: 'm', title: 'M', outcomes: [], lessons: [{ slug: 'l', title: 'L', cases: [], markdown: 'Text.\n' }], quiz: { slug: 'm-quiz', title: 'Q', passMark: 50, maxAttempts: 2, questions: [] } }];
    const saved = await api().put('/api/v1/author/courses/from-moodle/draft').set(fresh.auth).send({ revision: draft.revision, content }).expect(200);
    const res = await api().post('/api/v1/author/courses/from-moodle/draft/quizzes/m-quiz/gift').set(fresh.auth).send({ revision: saved.body.revision, gift: fs.readFileSync(path.join(FIXTURE_COURSES, '..', 'gift', 'moodle-examples.gift'), 'utf8') }).expect(200);
    expect(res.body.notImported).toEqual([]);
    expect(res.body.imported).toHaveLength(43);
    // What the validator still asks for is an explanation where Moodle's example gave no feedback; nothing else.
    expect(new Set(res.body.draft.problems.map((p: { code: string }) => p.code))).toEqual(new Set(['emptyText']));
  });

  it("warns about item-writing flaws beside the question, in the reader's language, and still publishes", async () => {
    const rustam = await loginAs(t, 'trainer', { fullName: 'Rüstəm Həsənov' });
    await t.db.query(`UPDATE users SET locale = 'az' WHERE id = $1`, [rustam.id]);
    const pages = await pagesAs(rustam);
    await pages.post('/staff/authoring/courses', { slug: 'flawed-items', title: 'Flawed' }).expect(303);
    const draft = (await api().get('/api/v1/author/courses/flawed-items/draft').set(rustam.auth).expect(200)).body;
    const content = { ...draft.content, summary: 'S', audience: ['judge'], cleHours: { ethics: 1 } };
    content.modules = [{ slug: 'm', title: 'M', outcomes: [], lessons: [{ slug: 'l', title: 'L', cases: [], markdown: 'Text.\n' }], quiz: { slug: 'm-quiz', title: 'Q', passMark: 50, maxAttempts: 2, questions: [
      { id: 'above', type: 'single', prompt: 'Which article protects liberty?', explanation: 'Article 5.', options: [{ text: 'Article 5', correct: true }, { text: 'Article 8', correct: false }, { text: 'Heç biri', correct: false }, { text: 'Yuxarıdakıların heç biri', correct: false }] },
    ] } }];
    const saved = await api().put('/api/v1/author/courses/flawed-items/draft').set(rustam.auth).send({ revision: draft.revision, content }).expect(200);
    expect(saved.body.problems).toEqual([]);
    expect(saved.body.warnings).toEqual([{ field: 'modules.0.quiz.questions.0.options.3.text', code: 'warnAboveOption', params: { text: 'Yuxarıdakıların heç biri' }, message: expect.stringMatching(/refers to the other options/) }]);
    const page = await pages.get('/staff/authoring/flawed-items/quizzes/m-quiz').expect(200);
    expect(page.text).toMatch(/id="q-0-warnings"[\s\S]*&quot;Yuxarıdakıların heç biri&quot; variantı digər variantlara istinad edir/);
    await api().post('/api/v1/author/courses/flawed-items/draft/publication').set(rustam.auth).send({ revision: saved.body.revision }).expect(201);
  });
});

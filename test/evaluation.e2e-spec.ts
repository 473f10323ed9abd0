import * as path from 'node:path';
import request from 'supertest';
import { projectRoot } from '@themis/core';
import { EvaluationService } from '@themis/evaluation';
import { OrganisationsService } from '@themis/organisations';
import { createOrganisation, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

jest.setTimeout(120_000);

const COURSE = 'evaluated-course';
const QUIZ = 'only-quiz';
const answers = (relevance: number, improve?: string) => [
  { itemId: 'relevance', rating: relevance },
  { itemId: 'clarity', rating: 4 },
  ...(improve ? [{ itemId: 'improve', text: improve }] : []),
];

describe(EvaluationService.name, () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ coursesDir: path.join(projectRoot, 'test', 'fixtures', 'evaluation-courses') });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());
  const api = () => request(t.url);

  /** A learner with every lesson done; `passed` also passes the quiz, so the evaluation is all that is left. */
  async function learner(passed: boolean): Promise<{ user: SignedInUser; path: LearnerPath }> {
    const user = await loginAs(t, 'learner');
    const p = new LearnerPath(t, user);
    await p.enroll(COURSE);
    await p.completeAllLessons(COURSE);
    if (passed) await p.passQuiz(COURSE, QUIZ, admin);
    return { user, path: p };
  }

  it('shows the form in the enrolment language, item by item', async () => {
    const { user } = await learner(false);
    const en = await api().get(`/api/v1/courses/${COURSE}/evaluation`).set(user.auth).expect(200);
    expect(en.body).toMatchObject({ title: 'Course evaluation', language: 'en', required: true, submitted: false, scale: { min: 1, max: 5 } });
    expect(en.body.items.map((i: { id: string; type: string }) => `${i.id}:${i.type}`)).toEqual(['relevance:rating', 'clarity:rating', 'improve:text']);
    const az = await api().get(`/api/v1/courses/${COURSE}/evaluation?lang=az`).set(user.auth).expect(200);
    expect(az.body).toMatchObject({ title: 'Kursun qiymətləndirilməsi', language: 'az' });
    expect(az.body.items[0].text).toBe('Kurs mənim təcrübəm üçün faydalı idi.');
  });

  it('holds the certificate until the evaluation is submitted, then issues exactly one', async () => {
    const { user } = await learner(true);
    const [progress] = (await api().get('/api/v1/me/progress').set(user.auth).expect(200)).body.filter((p: { courseSlug: string }) => p.courseSlug === COURSE);
    expect(progress).toMatchObject({ status: 'in_progress', percent: 99, certificateCode: null, requirementsLeft: ['evaluation'] });
    expect((await api().get('/api/v1/me/certificates').set(user.auth).expect(200)).body).toHaveLength(0);
    const done = await api().post(`/api/v1/courses/${COURSE}/evaluation`).set(user.auth).send({ answers: answers(5, 'More Strasbourg case-law') }).expect(201);
    expect(done.body.progress).toMatchObject({ status: 'completed', percent: 100, requirementsLeft: [] });
    expect(done.body.progress.certificateCode).toEqual(expect.any(String));
    const certificates = (await api().get('/api/v1/me/certificates').set(user.auth).expect(200)).body;
    expect(certificates.map((c: { code: string }) => c.code)).toEqual([done.body.progress.certificateCode]);
  });

  it('takes one submission per learner however many race, and issues one certificate', async () => {
    const { user } = await learner(true);
    const fired = await Promise.all(Array.from({ length: 6 }, () => api().post(`/api/v1/courses/${COURSE}/evaluation`).set(user.auth).send({ answers: answers(3) })));
    expect(fired.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM evaluation_submissions WHERE user_id = $1) AS submissions, (SELECT count(*)::int FROM certificates WHERE user_id = $1) AS certificates`,
      [user.id],
    );
    expect(row).toEqual({ submissions: 1, certificates: 1 });
  });

  it('refuses the form before every lesson, and a rating out of range naming the field', async () => {
    const user = await loginAs(t, 'learner');
    await new LearnerPath(t, user).enroll(COURSE);
    const early = await api().post(`/api/v1/courses/${COURSE}/evaluation`).set(user.auth).send({ answers: answers(4) }).expect(403);
    expect(early.body.lessonsLeft).toEqual([{ slug: 'only-lesson', title: 'Only lesson' }]);
    const { user: ready } = await learner(false);
    const bad = await api().post(`/api/v1/courses/${COURSE}/evaluation`).set(ready.auth).send({ answers: answers(6) }).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/answers\[0\]\.rating/);
    const missing = await api().post(`/api/v1/courses/${COURSE}/evaluation`).set(ready.auth).send({ answers: [{ itemId: 'relevance', rating: 2 }] }).expect(400);
    expect(JSON.stringify(missing.body.message)).toMatch(/clarity/);
    expect((await api().get(`/api/v1/courses/${COURSE}/evaluation`).set(ready.auth).expect(200)).body.submitted).toBe(false);
  });

  it('keeps responses apart from who submitted: no column links a response to a learner, and none is released before a batch', async () => {
    const columns = async (table: string) =>
      (await t.db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`, [table])) as { column_name: string; data_type: string }[];
    for (const table of ['evaluation_responses', 'evaluation_response_pool']) {
      const cols = await columns(table);
      expect(cols.map((c) => c.column_name).filter((c) => /user|enrol|submi|created|time|_at$/.test(c))).toEqual([]);
      expect(cols.filter((c) => /timestamp|time/.test(c.data_type))).toEqual([]);
      const fks = await t.db.query(
        `SELECT ccu.table_name AS target FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
          WHERE tc.table_name = $1 AND tc.constraint_type = 'FOREIGN KEY'`,
        [table],
      );
      expect(fks.map((f: { target: string }) => f.target)).toEqual(['course_versions']);
    }
    expect((await columns('evaluation_responses')).find((c) => c.column_name === 'month')!.data_type).toBe('date');
    // The id is random, not a sequence: nothing orders responses by arrival.
    const [{ def }] = await t.db.query(`SELECT column_default AS def FROM information_schema.columns WHERE table_name = 'evaluation_responses' AND column_name = 'id'`);
    expect(def).toBe('gen_random_uuid()');
    const [{ days }] = await t.db.query(`SELECT count(*)::int AS days FROM evaluation_responses WHERE extract(day FROM month) <> 1`);
    expect(days).toBe(0);
  });

  it('shows trainers and the accrediting organisation aggregates and free texts, with CSV; other organisations and learners get nothing', async () => {
    const texts = ['Too short, Aytən says', '=HYPERLINK("x")', 'Больше практики'];
    for (const [i, text] of texts.entries()) {
      const { user } = await learner(false);
      await api().post(`/api/v1/courses/${COURSE}/evaluation`).set(user.auth).send({ answers: answers(i + 1, text) }).expect(201);
    }
    const trainer = await loginAs(t, 'trainer');
    const results = (await api().get(`/api/v1/author/courses/${COURSE}/evaluation/results`).set(trainer.auth).expect(200)).body;
    const v = results.versions[0];
    expect(v.submitted).toBe(v.responses + v.pooled);
    expect(v.pooled).toBeLessThan(3);
    const relevance = v.items.find((i: { itemId: string }) => i.itemId === 'relevance');
    expect(relevance.count).toBe(v.responses);
    expect(relevance.distribution.reduce((s: number, n: number) => s + n, 0)).toBe(v.responses);
    const improve = v.items.find((i: { itemId: string }) => i.itemId === 'improve');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM evaluation_responses WHERE answers ? 'improve'`);
    expect(improve.texts).toHaveLength(n);
    const csv = await api().get(`/api/v1/author/courses/${COURSE}/evaluation/results.csv`).set(trainer.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('version,itemId,type,item,responses,mean,rated1,rated2,rated3,rated4,rated5,text');
    expect(lines.find((l) => l.includes(',relevance,'))).toBe(`1,relevance,rating,The course was relevant to my practice.,${relevance.count},${relevance.mean},${relevance.distribution.join(',')},`);
    expect(lines.filter((l) => l.includes(',improve,'))).toHaveLength(n);
    expect(csv.text).not.toMatch(/,=HYPERLINK/);
    const learnerUser = await loginAs(t, 'learner');
    await api().get(`/api/v1/author/courses/${COURSE}/evaluation/results`).set(learnerUser.auth).expect(403);

    const org = await createOrganisation(t, admin, 'Bar of Ganja');
    const other = await createOrganisation(t, admin, 'Bar of Sumqayit');
    const accreditor = await loginAs(t, 'learner');
    await t.app.get(OrganisationsService).grant(org.id, { userId: accreditor.id, grant: 'accreditor' });
    await t.app.get(OrganisationsService).grant(other.id, { userId: accreditor.id, grant: 'accreditor' });
    const [{ id: versionId }] = await t.db.query(`SELECT v.id FROM course_versions v JOIN courses c ON c.id = v.course_id WHERE c.slug = $1`, [COURSE]);
    await api().post(`/api/v1/organisations/${org.id}/accreditations`).set(accreditor.auth).send({ courseVersionId: versionId, number: 'GNJ-1', hours: { ethics: 1 }, validFrom: '2026-01-01' }).expect(201);
    const theirs = (await api().get(`/api/v1/organisations/${org.id}/courses/${COURSE}/evaluation/results`).set(accreditor.auth).expect(200)).body;
    expect(theirs.versions[0].items).toEqual(v.items);
    const notTheirs = (await api().get(`/api/v1/organisations/${other.id}/courses/${COURSE}/evaluation/results`).set(accreditor.auth).expect(200)).body;
    expect(notTheirs.versions).toEqual([]);
    await api().get(`/api/v1/organisations/${org.id}/courses/${COURSE}/evaluation/results.csv`).set(accreditor.auth).expect(200);
    await api().get(`/api/v1/organisations/${org.id}/courses/${COURSE}/evaluation/results`).set(learnerUser.auth).expect(403);
    await api().get(`/api/v1/organisations/${org.id}/courses/${COURSE}/evaluation/results`).set('X-Api-Key', org.apiKey).expect(403);
  });

  it('serves the form as a page in the interface language and takes it without script', async () => {
    const { user } = await learner(true);
    const cookie = `themis_session=${user.token}`;
    const course = await api().get(`/courses/${COURSE}`).set('Cookie', cookie).expect(200);
    expect(course.text).toContain(`href="/courses/${COURSE}/evaluation"`);
    const page = await api().get(`/courses/${COURSE}/evaluation`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('name="rating.relevance"');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
    const sent = await api().post(`/courses/${COURSE}/evaluation`).set('Cookie', `${cookie}; ${csrf}`).type('form')
      .send({ _csrf: token, 'rating.relevance': '5', 'rating.clarity': '3', 'text.improve': 'Больше практики' }).expect(303);
    expect(sent.headers.location).toBe(`/courses/${COURSE}/evaluation?sent=1`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE user_id = $1`, [user.id]);
    expect(n).toBe(1);
  });
});

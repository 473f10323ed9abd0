import request from 'supertest';
import { createOrganisation, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

describe('Four eyes on CLE hours', () => {
  let t: TestApp;
  let trainer: SignedInUser;
  let admin: SignedInUser;
  let otherAdmin: SignedInUser;
  let accreditor: SignedInUser;
  let edits = 0;

  beforeAll(async () => {
    t = await createTestApp();
    [trainer, admin, otherAdmin, accreditor] = await Promise.all([loginAs(t, 'trainer'), loginAs(t, 'admin'), loginAs(t, 'admin'), loginAs(t, 'learner')]);
    const org = await createOrganisation(t, admin);
    await request(t.url).post(`/api/v1/admin/organisations/${org.id}/grants`).set(admin.auth).send({ userId: accreditor.id, grant: 'accreditor' }).expect(201);
  });
  afterAll(() => t.close());

  /** The author edits path-course in the editor and publishes it: a new version granting its 2 CLE hours. */
  async function publishAs(author: SignedInUser): Promise<string> {
    await request(t.url).post('/api/v1/author/courses/path-course/draft').set(author.auth).expect(201);
    await request(t.url).put('/api/v1/author/courses/path-course/draft/lessons/lesson-one').set(author.auth)
      .send({ revision: 1, title: `Lesson one, edit ${++edits}`, markdown: `Edited ${edits}, citing [@salduz-v-turkey].` }).expect(200);
    const published = await request(t.url).post('/api/v1/author/courses/path-course/draft/publication').set(author.auth).send({ revision: 2 }).expect(201);
    const pending = (await request(t.url).get('/api/v1/course-versions/pending-approval').set(admin.auth).expect(200)).body;
    const v = pending.find((p: { courseSlug: string; version: number }) => p.courseSlug === 'path-course' && p.version === published.body.version);
    expect(v).toMatchObject({ cleHours: 2, publishedBy: author.id });
    return v.id;
  }

  async function complete(learner: SignedInUser, finish = true): Promise<LearnerPath> {
    const p = new LearnerPath(t, learner);
    await p.enroll('path-course');
    await p.completeAllLessons('path-course');
    if (finish) await p.passQuiz('path-course', 'basics-quiz', admin);
    return p;
  }

  const certificatesOf = async (u: SignedInUser) => (await request(t.url).get('/api/v1/me/certificates').set(u.auth).expect(200)).body;
  const approve = (u: SignedInUser, id: string) => request(t.url).post(`/api/v1/course-versions/${id}/approval`).set(u.auth);

  it('issues certificates as before for the files deployed in courses/, approved by the operator', async () => {
    const learner = await loginAs(t);
    await complete(learner);
    expect(await certificatesOf(learner)).toHaveLength(1);
    const [row] = await t.db.query(`SELECT a.approved_by FROM version_approvals a JOIN course_versions v ON v.id = a.course_version_id JOIN courses c ON c.id = v.course_id WHERE c.slug = 'path-course' AND v.version = 1`);
    expect(row.approved_by).toBe('operator');
  });

  it('gives no certificate for a trainer’s version until a second person approves it; then one, dated at approval', async () => {
    const versionId = await publishAs(trainer);
    const learner = await loginAs(t);
    await complete(learner);
    const progress = (await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200)).body.find((p: { courseSlug: string }) => p.courseSlug === 'path-course');
    expect(progress).toMatchObject({ status: 'completed', certificateCode: null });
    expect(await certificatesOf(learner)).toEqual([]);

    expect((await approve(trainer, versionId).expect(403)).body.message).toMatch(/author/);
    await request(t.url).get('/api/v1/course-versions/pending-approval').set(learner.auth).expect(403);
    await approve(await loginAs(t, 'trainer'), versionId).expect(403);
    const before = Date.now();
    expect((await approve(admin, versionId).expect(201)).body).toMatchObject({ approved: true, certificatesIssued: 1 });
    const [cert] = await certificatesOf(learner);
    expect(new Date(cert.issuedAt).getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect((await approve(otherAdmin, versionId).expect(201)).body).toMatchObject({ approved: true, certificatesIssued: 0 });
    expect(await certificatesOf(learner)).toHaveLength(1);

    const audit = (await request(t.url).get('/api/v1/admin/audit?limit=200').set(admin.auth).expect(200)).body.entries;
    expect(audit).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: `user:${trainer.id}`, action: 'course.publish', subject: 'path-course' }),
      expect.objectContaining({ actor: `user:${admin.id}`, action: 'version.approve', subject: versionId }),
    ]));
  });

  it('does not let an admin approve a version they published; an organisation’s accreditor may', async () => {
    const versionId = await publishAs(admin);
    await approve(admin, versionId).expect(403);
    const learners = await Promise.all([loginAs(t), loginAs(t)]);
    for (const l of learners) await complete(l);
    // Two second persons at once: the version's lock lets one of them issue, once per learner.
    const answers = await Promise.all([approve(accreditor, versionId), approve(otherAdmin, versionId)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.map((a) => a.body.certificatesIssued).sort()).toEqual([0, 2]);
    for (const l of learners) expect(await certificatesOf(l)).toHaveLength(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE course_version_id = $1`, [versionId]);
    expect(n).toBe(2);
  });

  it('issues exactly one certificate when a learner completes the version as it is approved', async () => {
    const versionId = await publishAs(trainer);
    const learners = await Promise.all([0, 1, 2].map(() => loginAs(t)));
    const attempts = [];
    for (const l of learners) {
      const p = await complete(l, false);
      attempts.push({ l, ...(await p.answerQuiz('path-course', 'basics-quiz', admin, true)) });
    }
    await Promise.all([
      approve(otherAdmin, versionId).expect(201),
      ...attempts.map((a) => request(t.url).post(`/api/v1/attempts/${a.attemptId}/submission`).set(a.l.auth).send({ answers: a.answers }).expect(200)),
    ]);
    for (const l of learners) {
      const certs = await certificatesOf(l);
      expect(certs).toHaveLength(1);
      const progress = (await request(t.url).get('/api/v1/me/progress').set(l.auth).expect(200)).body.find((p: { courseSlug: string }) => p.courseSlug === 'path-course');
      expect(progress.certificateCode).toBe(certs[0].code);
    }
  });
});

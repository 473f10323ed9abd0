import ExcelJS from 'exceljs';
import request from 'supertest';
import { createOrganisation, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

const bytes = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('A clerk’s day in the pages', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let clerk: SignedInUser;
  let bar: { id: string; apiKey: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    clerk = await loginAs(t, 'learner', { fullName: 'Clerk Of The Bar' });
    bar = await createOrganisation(t, admin, 'Pages Bar');
  });
  afterAll(() => t.close());

  /** A browser's session cookie and the CSRF token a page renders. */
  const pagesAs = async (user: SignedInUser, first: string) => {
    const session = `themis_session=${user.token}`;
    const page = await request(t.url).get(first).set('Cookie', session).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='));
    if (!token || !csrf) throw new Error(`no CSRF token on ${first}`);
    const cookie = `${session}; ${csrf}`;
    return {
      get: (url: string) => request(t.url).get(url).set('Cookie', cookie).redirects(0),
      post: (url: string) => request(t.url).post(url).set('Cookie', cookie).set('X-Csrf-Token', token).redirects(0),
    };
  };

  it('an admin grants the clerk; the clerk uploads a roster, decides a claim, finds who is short and exports', async () => {
    const adminPages = await pagesAs(admin, '/admin/organisations');
    await adminPages.post(`/admin/organisations/${bar.id}/grants`).type('form').send({ email: clerk.email, grant: 'clerk' }).expect(303);
    const unknown = await adminPages.post(`/admin/organisations/${bar.id}/grants`).type('form').send({ email: 'nobody@example.test', grant: 'clerk' }).expect(400);
    expect(unknown.text).toContain('No account has this email.');

    const pages = await pagesAs(clerk, `/organisations/${bar.id}`);
    const roster = Buffer.from('\uFEFFbarNumber;fullName\r\nP-1;Гюльнара Алиева\r\n;Без номера\r\nP-2;Aytən Məmmədova\r\n', 'utf8');
    const uploaded = await pages.post(`/organisations/${bar.id}/roster`).attach('roster', roster, 'roster.csv').expect(200);
    expect(uploaded.text).toContain('2 members kept, 1 lines rejected.');
    expect(uploaded.text).toMatch(/Line 3:\s*barNumber is empty/);

    const claimant = await loginAs(t, 'learner', { fullName: 'Aytan Mammadova' });
    const claimantPages = await pagesAs(claimant, '/organisations');
    await claimantPages.post('/organisations/memberships').type('form').send({ organisationId: bar.id, barNumber: 'P-2' }).expect(303);
    const learnerView = await claimantPages.get('/organisations').expect(200);
    expect(learnerView.text).toContain('Waiting for a clerk');
    await claimantPages.get(`/organisations/${bar.id}`).expect(403);

    const console = await pages.get(`/organisations/${bar.id}`).expect(200);
    expect(console.text).toContain('Aytan Mammadova');
    expect(console.text).toContain('Aytən Məmmədova');
    const membershipId = (await request(t.url).get('/api/v1/me/memberships').set(claimant.auth).expect(200)).body[0].id;
    const noReason = await pages.post(`/organisations/${bar.id}/memberships/${membershipId}/decision`).type('form').send({ decision: 'reject' }).expect(400);
    expect(noReason.text).toContain('Give the reason for rejecting the claim.');
    await pages.post(`/organisations/${bar.id}/memberships/${membershipId}/decision`).type('form').send({ decision: 'approve' }).expect(303);
    expect((await request(t.url).get('/api/v1/me/memberships').set(claimant.auth).expect(200)).body[0].status).toBe('verified');

    const short = await pages.get(`/organisations/${bar.id}?status=short`).expect(200);
    expect(short.text).toMatch(/data-status="short"><td[^>]*>Aytan Mammadova/);
    const xlsx = await pages.get(`/organisations/${bar.id}/export?format=xlsx&status=short`).buffer(true).parse(bytes).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0]!.getRow(2).getCell(2).value).toBe('Aytan Mammadova');
  });

  it('verifies an uploaded list of codes on a page', async () => {
    const learner = await loginAs(t);
    const p = new LearnerPath(t, learner);
    await p.enroll('path-course');
    await p.completeAllLessons('path-course');
    await p.passQuiz('path-course', 'basics-quiz', admin);
    const code = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code as string;
    const pages = await pagesAs(clerk, `/organisations/${bar.id}`);
    const res = await pages.post(`/organisations/${bar.id}/bulk-verification`).attach('codes-file', Buffer.from(`\uFEFF${code.toLowerCase()}\r\nZZZZ-ZZZZ-ZZZZ-ZZZZ\r\n`), 'codes.txt').expect(200);
    expect(res.text).toMatch(new RegExp(`${code}</td><td[^>]*>valid`));
    expect(res.text).toMatch(/ZZZZ-ZZZZ-ZZZZ-ZZZZ<\/td><td[^>]*>not_found/);
  });

  it('lists versions waiting for a second person and lets an admin approve on the page', async () => {
    const pages = await pagesAs(admin, '/staff/approvals');
    expect((await pages.get('/staff/approvals').expect(200)).text).toContain('Nothing is waiting.');
    const trainer = await loginAs(t, 'trainer');
    await request(t.url).post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
    await request(t.url).put('/api/v1/author/courses/path-course/draft/lessons/lesson-one').set(trainer.auth).send({ revision: 1, title: 'Lesson one, edited', markdown: 'Edited, citing [@salduz-v-turkey].' }).expect(200);
    await request(t.url).post('/api/v1/author/courses/path-course/draft/publication').set(trainer.auth).send({ revision: 2 }).expect(201);
    const waiting = await pages.get('/staff/approvals').expect(200);
    const versionId = /action="\/staff\/approvals\/([0-9a-f-]{36})"/.exec(waiting.text)?.[1];
    expect(versionId).toBeDefined();
    const trainerPages = await pagesAs(trainer, '/organisations');
    await trainerPages.get('/staff/approvals').expect(403);
    await trainerPages.post(`/staff/approvals/${versionId}`).expect(403);
    const done = await pages.post(`/staff/approvals/${versionId}`).expect(303);
    expect(done.headers.location).toBe('/staff/approvals?approved=path-course&issued=0');
    expect((await pages.get(done.headers.location).expect(200)).text).toContain('path-course approved; 0 certificates issued');
  });
});

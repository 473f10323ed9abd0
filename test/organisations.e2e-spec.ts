import * as iconv from 'iconv-lite';
import request from 'supertest';
import { claimMembership, createOrganisation, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp, uploadRoster } from '@themis/testing';

async function certify(t: TestApp, admin: SignedInUser, learner: SignedInUser): Promise<string> {
  const p = new LearnerPath(t, learner);
  await p.enroll('path-course');
  await p.completeAllLessons('path-course');
  await p.passQuiz('path-course', 'basics-quiz', admin);
  return (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code;
}

describe('Organisations, rosters and memberships', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let bar: { id: string; apiKey: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bar = await createOrganisation(t, admin);
  });
  afterAll(() => t.close());

  it('creates an organisation in Asia/Baku by default and refuses a bad time zone, naming it', async () => {
    const org = await request(t.url).post('/api/v1/admin/organisations').set(admin.auth).send({ name: 'Nakhchivan Bar' }).expect(201);
    expect(org.body).toEqual({ id: expect.any(String), name: 'Nakhchivan Bar', timeZone: 'Asia/Baku' });
    const bad = await request(t.url).post('/api/v1/admin/organisations').set(admin.auth).send({ name: 'X Bar', timeZone: 'Mars/Olympus' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/timeZone/);
    const learner = await loginAs(t);
    await request(t.url).post('/api/v1/admin/organisations').set(learner.auth).send({ name: 'Mine' }).expect(403);
    const key = await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Key', organisationId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    expect(key.body).toMatchObject({ field: 'organisationId', message: 'organisationId names no organisation' });
  });

  it('reports roster errors by line, from a UTF-8 file with a BOM and semicolons, and keeps the valid lines', async () => {
    const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('barNumber;fullName\r\nAZ-100;Aytən Məmmədova\r\n;No Number\r\naz 100;Duplicate Of Line Two\r\nAZ-101;Гюльнара Алиева\r\nAZ-102;X\r\n')]);
    const res = await uploadRoster(t, bar, csv).expect(200);
    expect(res.body).toEqual({
      members: 2,
      rejected: [
        { line: 3, message: 'barNumber is empty' },
        { line: 4, message: 'barNumber az 100 is already on line 2' },
        { line: 6, message: 'fullName must be 2 to 200 characters' },
      ],
    });
  });

  it('reads a Windows-1251 roster, as a Russian-locale Excel saves it, and replaces the previous roster', async () => {
    const other = await createOrganisation(t, admin, 'Cyrillic Bar');
    const res = await uploadRoster(t, other, iconv.encode('barNumber,fullName\r\nАВ-7,Гюльнара Алиева\r\nАВ-7,Повтор\r\nАВ-8,Тест Тестов\r\n', 'win1251')).expect(200);
    expect(res.body).toEqual({ members: 2, rejected: [{ line: 3, message: 'barNumber АВ-7 is already on line 2' }] });
    const learner = await loginAs(t, 'learner', { fullName: 'Гюльнара Алиева' });
    // Typed with Latin look-alikes and in lower case, the Cyrillic roster's number is the same number.
    expect((await claimMembership(t, learner, other.id, 'ab 7').expect(201)).body.status).toBe('verified');
    await uploadRoster(t, other, 'barNumber,fullName\nZZ-1,Someone Else\n').expect(200);
    const late = await loginAs(t, 'learner', { fullName: 'Тест Тестов' });
    expect((await claimMembership(t, late, other.id, 'АВ-8').expect(201)).body.status).toBe('pending');
    const listed = await loginAs(t, 'learner', { fullName: 'someone else' });
    expect((await claimMembership(t, listed, other.id, 'zz1').expect(201)).body.status).toBe('verified');
  });

  it('lets only the organisation’s key or clerk upload its roster, and refuses more than 5 MB', async () => {
    await request(t.url).put(`/api/v1/organisations/${bar.id}/roster`).set('Content-Type', 'text/csv').send('barNumber,fullName\n').expect(401);
    const other = await createOrganisation(t, admin, 'Another Bar');
    await uploadRoster(t, { id: bar.id, apiKey: other.apiKey }, 'barNumber,fullName\n').expect(403);
    const clerk = await loginAs(t);
    await request(t.url).put(`/api/v1/organisations/${bar.id}/roster`).set(clerk.auth).set('Content-Type', 'text/csv').send('barNumber,fullName\n').expect(403);
    await request(t.url).post(`/api/v1/admin/organisations/${bar.id}/grants`).set(admin.auth).send({ userId: clerk.id, grant: 'clerk' }).expect(201);
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
    await request(t.url).put(`/api/v1/organisations/${bar.id}/roster`).set(clerk.auth).set('Content-Type', 'text/csv').send(big).expect(413);
    await request(t.url).put(`/api/v1/organisations/${bar.id}/roster`).set(clerk.auth).set('Content-Type', 'text/csv')
      .send('barNumber,fullName\nAZ-100,Aytən Məmmədova\nAZ-101,Гюльнара Алиева\nAZ-200,Rəşad Hüseynov\nAZ-300,Race Twin\n').expect(200);
  });

  it('verifies a claim the roster lists under the same name, and leaves a transliteration for a clerk to decide, with a reason', async () => {
    const ayten = await loginAs(t, 'learner', { fullName: 'AYTƏN  MƏMMƏDOVA' });
    expect((await claimMembership(t, ayten, bar.id, 'az-100').expect(201)).body).toMatchObject({ organisationId: bar.id, barNumber: 'az-100', status: 'verified' });
    const translit = await loginAs(t, 'learner', { fullName: 'Айтен Мамедова' });
    const pending = (await claimMembership(t, translit, bar.id, 'AZ-101').expect(201)).body;
    expect(pending.status).toBe('pending');
    expect((await request(t.url).get('/api/v1/me/memberships').set(translit.auth).expect(200)).body).toEqual([expect.objectContaining({ id: pending.id, status: 'pending' })]);
    const list = (await request(t.url).get(`/api/v1/organisations/${bar.id}/memberships?status=pending`).set('X-Api-Key', bar.apiKey).expect(200)).body;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ id: pending.id, fullName: 'Айтен Мамедова', rosterName: 'Гюльнара Алиева' })]));
    const noReason = await request(t.url).post(`/api/v1/organisations/${bar.id}/memberships/${pending.id}/decision`).set('X-Api-Key', bar.apiKey).send({ decision: 'reject' }).expect(400);
    expect(noReason.body.field).toBe('reason');
    const rejected = await request(t.url).post(`/api/v1/organisations/${bar.id}/memberships/${pending.id}/decision`).set('X-Api-Key', bar.apiKey).send({ decision: 'reject', reason: 'AZ-101 is Gülnara Əliyeva' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'AZ-101 is Gülnara Əliyeva' });
    await request(t.url).post(`/api/v1/organisations/${bar.id}/memberships/${pending.id}/decision`).set('X-Api-Key', bar.apiKey).send({ decision: 'approve' }).expect(409);
    const audit = (await request(t.url).get('/api/v1/admin/audit?limit=200').set(admin.auth).expect(200)).body.entries;
    expect(audit).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'membership.claim', actor: `user:${ayten.id}`, details: expect.objectContaining({ status: 'verified' }) }),
      expect.objectContaining({ action: 'membership.reject', subject: pending.id, details: expect.objectContaining({ reason: 'AZ-101 is Gülnara Əliyeva' }) }),
      expect.objectContaining({ action: 'roster.upload' }),
    ]));
  });

  it('answers 409 when another account holds the number verified, also when two accounts race for it', async () => {
    const impostor = await loginAs(t, 'learner', { fullName: 'Aytən Məmmədova' });
    await claimMembership(t, impostor, bar.id, 'AZ100').expect(409);
    const twins = await Promise.all([0, 1, 2, 3].map(() => loginAs(t, 'learner', { fullName: 'Race Twin' })));
    const answers = await Promise.all(twins.map((u) => claimMembership(t, u, bar.id, 'AZ-300')));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM memberships WHERE organisation_id = $1 AND bar_number_key = 'AZ300' AND status = 'verified'`, [bar.id]);
    expect(n).toBe(1);
  });

  it('keeps an impostor’s claim pending and out of anyone’s hours; a profile edit changes no issued certificate', async () => {
    // The impostors register first, with her number in their profiles and a claim of it: the names differ from the roster's.
    const impostors = await Promise.all([0, 1].map((i) => loginAs(t, 'learner', { fullName: `Impostor ${i}`, barNumber: 'AZ-200' })));
    for (const imp of impostors) {
      expect((await claimMembership(t, imp, bar.id, 'AZ-200').expect(201)).body.status).toBe('pending');
      await certify(t, admin, imp);
    }
    const rashad = await loginAs(t, 'learner', { fullName: 'Rəşad Hüseynov', barNumber: 'AZ-200' });
    expect((await claimMembership(t, rashad, bar.id, 'AZ-200').expect(201)).body.status).toBe('verified');
    const code = await certify(t, admin, rashad);
    // Once she holds it verified, a clerk can no longer approve an impostor's pending claim of it.
    const stale = (await request(t.url).get('/api/v1/me/memberships').set(impostors[1]!.auth).expect(200)).body[0];
    await request(t.url).post(`/api/v1/organisations/${bar.id}/memberships/${stale.id}/decision`).set('X-Api-Key', bar.apiKey).send({ decision: 'approve' }).expect(409);
    const hours = async () => (await request(t.url).get('/api/v1/verify/holders/az200').set('X-Api-Key', bar.apiKey).expect(200)).body;
    const before = await hours();
    expect(before).toMatchObject({ holderName: 'Rəşad Hüseynov', totalHours: 2, certificates: [expect.objectContaining({ code, verified: true })] });
    expect(before.certificates).toHaveLength(1);
    const answer = (await request(t.url).get(`/api/v1/verify/${code}`).expect(200)).body;
    expect(answer.memberships).toEqual([{ organisationId: bar.id, organisationName: 'Azerbaijan Bar Association', barNumber: 'AZ-200' }]);

    await request(t.url).patch('/api/v1/me').set(rashad.auth).send({ barNumber: 'AZ-999' }).expect(200);
    await claimMembership(t, impostors[0]!, bar.id, 'AZ-201').expect(201);
    expect(await hours()).toEqual(before);
    expect((await request(t.url).get(`/api/v1/verify/${code}`).expect(200)).body).toEqual(answer);

    // Changing a verified bar number is a new claim: the old membership no longer stands, the certificate keeps its record.
    const changed = (await claimMembership(t, rashad, bar.id, 'AZ-999').expect(201)).body;
    expect(changed.status).toBe('pending');
    const mine = (await request(t.url).get('/api/v1/me/memberships').set(rashad.auth).expect(200)).body.map((m: { status: string }) => m.status).sort();
    expect(mine).toEqual(['pending', 'superseded']);
    expect((await hours()).totalHours).toBe(2);
  });

  it('reads days in the organisation’s time zone, both ends included', async () => {
    const [{ completed }] = await t.db.query(
      `SELECT to_char(c.completed_at AT TIME ZONE 'Asia/Baku', 'YYYY-MM-DD') AS completed FROM certificates c JOIN certificate_members cm ON cm.certificate_id = c.id
       WHERE cm.organisation_id = $1 AND cm.bar_number_key = 'AZ200'`,
      [bar.id],
    );
    const at = (from: string, to: string) => request(t.url).get(`/api/v1/verify/holders/AZ-200?from=${from}&to=${to}`).set('X-Api-Key', bar.apiKey).expect(200);
    expect((await at(completed, completed)).body).toMatchObject({ totalHours: 2, timeZone: 'Asia/Baku', organisationId: bar.id });
    expect((await at('2000-01-01', '2000-12-31')).body.totalHours).toBe(0);
  });
});

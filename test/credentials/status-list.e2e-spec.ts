import request from 'supertest';
import { linkedData } from '@themis/certification';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certify, COURSE, ldpCredential } from './credential-support';

const indexOf = async (t: TestApp, code: string): Promise<number> => (await t.db.query(`SELECT status_list_index AS n FROM certificates WHERE code = $1`, [code]))[0].n;

describe('Bitstring Status List', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://themis.example.az' } });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  it('gives each of 12 certificates issued at once its own list position', async () => {
    const paths = await Promise.all(Array.from({ length: 12 }, async () => new LearnerPath(t, await loginAs(t))));
    for (const p of paths) {
      await p.enroll(COURSE);
      await p.completeAllLessons(COURSE, ['lesson-two']);
      await p.passQuiz(COURSE, 'basics-quiz', admin);
      await request(t.url).get(`/api/v1/courses/${COURSE}/lessons/lesson-two`).set(p.user.auth).expect(200);
    }
    const answers = await Promise.all(paths.map((p) => request(t.url).post(`/api/v1/courses/${COURSE}/lessons/lesson-two/completion`).set(p.user.auth)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const rows: { n: number }[] = await t.db.query(`SELECT status_list_index AS n FROM certificates WHERE user_id = ANY($1::uuid[])`, [paths.map((p) => p.user.id)]);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.n)).size).toBe(12);
  });

  it('does not make an issue wait for another transaction that is issuing (no counter row)', async () => {
    const first = await loginAs(t);
    const code = await certify(t, admin, first);
    const open = t.db.createQueryRunner();
    await open.connect();
    await open.startTransaction();
    try {
      // A certificate row inserted and not yet committed: it has taken its number from the sequence.
      await open.query(
        `INSERT INTO certificates (code, user_id, enrollment_id, course_version_id, holder_name, profession, course_slug, course_title, course_version,
           cle_hours, cle_categories, completed_at, issued_at, issuer, pdf, pdf_sha256, superseded_by)
         SELECT 'ZZZZ-ZZZZ-ZZZZ-ZZZY', user_id, enrollment_id, course_version_id, holder_name, profession, course_slug, course_title, course_version,
           cle_hours, cle_categories, completed_at, issued_at, issuer, pdf, repeat('1', 64), code FROM certificates WHERE code = $1`,
        [code],
      );
      const second = await loginAs(t);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the issue waited for the open transaction')), 20000)));
      const issued = await Promise.race([certify(t, admin, second), waited]).finally(() => clearTimeout(timer));
      expect(await indexOf(t, issued)).toBeGreaterThan(await indexOf(t, code));
    } finally {
      await open.rollbackTransaction();
      await open.release();
    }
  });

  it('sets the revoked certificate’s bit, read back with the status list library, as soon as the revocation call has answered', async () => {
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    const keep = await loginAs(t);
    const kept = await certify(t, admin, keep);
    const credential = await ldpCredential(t, learner, code);
    const entry = credential.credentialStatus[0];
    expect(Number(entry.statusListIndex)).toBe(await indexOf(t, code));
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'Wrong holder' }).expect(200);
    const res = await request(t.url).get(new URL(entry.statusListCredential).pathname).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const list = JSON.parse(res.text);
    expect(list).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: 'did:web:themis.example.az', proof: [expect.objectContaining({ cryptosuite: 'eddsa-rdfc-2022' })] });
    const { statusList } = await linkedData();
    const bits = await statusList.decodeList({ encodedList: list.credentialSubject.encodedList });
    expect(bits.length).toBe(131072);
    expect(bits.getStatus(Number(entry.statusListIndex))).toBe(true);
    expect(bits.getStatus(await indexOf(t, kept))).toBe(false);
  });

  it('answers 404 for a list that holds no certificate yet, and 400 naming list for a bad number', async () => {
    await request(t.url).get('/api/v1/credentials/status/1').expect(404);
    const bad = await request(t.url).get('/api/v1/credentials/status/first').expect(400);
    expect(bad.body.message).toBe('list must be a whole number');
  });
});

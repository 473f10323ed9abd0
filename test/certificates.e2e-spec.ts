import request from 'supertest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp, binaryBody } from '@themis/testing';

const COURSE = 'path-course';

/** Walks a learner through path-course (both lessons, the quiz) and answers the certificate code. */
async function certify(t: TestApp, admin: SignedInUser, learner: SignedInUser): Promise<string> {
  const path = new LearnerPath(t, learner);
  await path.enroll(COURSE);
  await path.completeAllLessons(COURSE);
  await path.passQuiz(COURSE, 'basics-quiz', admin);
  const mine = await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200);
  return mine.body[0].code;
}

describe('Certificates', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://themis.example.az' } });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  it('issues exactly one certificate when 20 completion requests race', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Race Runner' });
    const path = new LearnerPath(t, learner);
    await path.enroll(COURSE);
    await path.completeAllLessons(COURSE, ['lesson-two']);
    await path.passQuiz(COURSE, 'basics-quiz', admin);
    await request(t.url).get(`/api/v1/courses/${COURSE}/lessons/lesson-two`).set(learner.auth).expect(200);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => request(t.url).post(`/api/v1/courses/${COURSE}/lessons/lesson-two/completion`).set(learner.auth)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const rows = await t.db.query(`SELECT code FROM certificates WHERE user_id = $1`, [learner.id]);
    expect(rows).toHaveLength(1);
    const codes = new Set(answers.map((a) => a.body.certificateCode).filter(Boolean));
    expect([...codes]).toEqual([rows[0].code]);
    const progress = await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200);
    expect(progress.body[0]).toMatchObject({ status: 'completed', certificateCode: rows[0].code });
  });

  it('refuses a second live certificate for the same learner and course version at the database level', async () => {
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    await expect(
      t.db.query(
        `INSERT INTO certificates (code, user_id, enrollment_id, course_version_id, holder_name, profession, course_slug, course_title, course_version,
           cle_hours, cle_categories, completed_at, issued_at, issuer, pdf, pdf_sha256)
         SELECT 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', user_id, enrollment_id, course_version_id, holder_name, profession, course_slug, course_title, course_version,
           cle_hours, cle_categories, completed_at, issued_at, issuer, pdf, repeat('0', 64) FROM certificates WHERE code = $1`,
        [code],
      ),
    ).rejects.toMatchObject({ constraint: 'certificates_user_version_live_key' });
  });

  it('lists my certificates with the certified facts, and keeps them when the profile changes later', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Aytən Məmmədova' });
    const code = await certify(t, admin, learner);
    const mine = await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200);
    expect(mine.body).toEqual([
      { code, courseSlug: COURSE, courseTitle: 'Path course', courseLanguage: 'en', cleHours: 2, cleCategories: { procedural_law: 1.5, ethics: 0.5 }, issuedAt: expect.any(String), expiresAt: expect.any(String), status: 'valid', revokedAt: null, revocationReason: null },
    ]);
    const expires = new Date(mine.body[0].expiresAt);
    const issued = new Date(mine.body[0].issuedAt);
    expect(expires.getUTCFullYear() - issued.getUTCFullYear()).toBe(2); // validityMonths: 24
    await t.db.query(`UPDATE users SET full_name = 'Someone Else' WHERE id = $1`, [learner.id]);
    const check = await request(t.url).get(`/api/v1/verify/${code}`).expect(200);
    expect(check.body.holderName).toBe('Aytən Məmmədova');
  });

  it('serves the PDF to its holder and to an admin byte-identical every time, and reads as not found for anyone else', async () => {
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    const first = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.body.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200);
    const byAdmin = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(admin.auth).buffer(true).parse(binaryBody).expect(200);
    expect(again.body.equals(first.body)).toBe(true);
    expect(byAdmin.body.equals(first.body)).toBe(true);
    const other = await loginAs(t);
    const denied = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(other.auth).expect(404);
    const unknown = await request(t.url).get(`/api/v1/certificates/0000-0000-0000-0000/pdf`).set(other.auth).expect(404);
    expect(denied.body).toEqual(unknown.body);
    await request(t.url).get(`/api/v1/certificates/${code}/pdf`).expect(401);
    await request(t.url).get(`/api/v1/certificates/${code}/credential`).set(other.auth).expect(404);
  });

  it('revokes with a reason: the certificate reads revoked on every surface, and the action is audited', async () => {
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    const pdf = (await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(learner.auth).send({ reason: 'x' }).expect(403);
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({}).expect(400);
    const revoked = await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'Completion obtained by fraud' }).expect(200);
    expect(revoked.body).toMatchObject({ code, status: 'revoked', revocationReason: 'Completion obtained by fraud' });
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'again' }).expect(409);

    const api = await request(t.url).get(`/api/v1/verify/${code}`).expect(200);
    expect(api.body).toMatchObject({ status: 'revoked', revocationReason: 'Completion obtained by fraud', revokedAt: expect.any(String) });
    const page = await request(t.url).get(`/verify/${code}`).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('This certificate has been revoked.');
    expect(page.text).toContain('<dd class="status-revoked">Revoked</dd>');
    expect(page.text).toContain('Completion obtained by fraud');
    const doc = await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(pdf).expect(200);
    expect(doc.body).toEqual({ status: 'revoked', code });
    const { apiKey } = (await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Bar Association' }).expect(201)).body;
    const batch = await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', apiKey).send({ codes: [code] }).expect(200);
    expect(batch.body.results[0]).toMatchObject({ code, status: 'revoked' });
    const mine = await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200);
    expect(mine.body[0].status).toBe('revoked');

    const audit = await request(t.url).get('/api/v1/admin/audit').set(admin.auth).expect(200);
    expect(audit.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ actor: `user:${admin.id}`, action: 'certificate.revoke', subject: code, details: { reason: 'Completion obtained by fraud' } })]));
    await request(t.url).get('/api/v1/admin/audit').set(learner.auth).expect(403);
  });

  it('re-issues after a name correction: a new code and PDF with the current name, the old one revoked as superseded', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Gulnara Aliyeva' });
    const oldCode = await certify(t, admin, learner);
    await t.db.query(`UPDATE users SET full_name = 'Гюльнара Алиева' WHERE id = $1`, [learner.id]);
    const res = await request(t.url).post(`/api/v1/admin/certificates/${oldCode}/reissue`).set(admin.auth).expect(201);
    expect(res.body).toMatchObject({ status: 'valid', holderName: 'Гюльнара Алиева', replaces: oldCode, courseTitle: 'Path course', cleHours: 2 });
    const newCode = res.body.code;
    expect(newCode).not.toBe(oldCode);
    const old = await request(t.url).get(`/api/v1/verify/${oldCode}`).expect(200);
    expect(old.body).toMatchObject({ status: 'revoked', supersededBy: newCode, holderName: 'Gulnara Aliyeva' });
    expect(old.body.revocationReason).toContain(newCode);
    const progress = await request(t.url).get('/api/v1/me/progress').set(learner.auth).expect(200);
    expect(progress.body[0].certificateCode).toBe(newCode);
    const oldPdf = (await request(t.url).get(`/api/v1/certificates/${oldCode}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
    const newPdf = (await request(t.url).get(`/api/v1/certificates/${newCode}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
    expect(newPdf.equals(oldPdf)).toBe(false);
    await request(t.url).post(`/api/v1/admin/certificates/${oldCode}/reissue`).set(admin.auth).expect(409);
    const listed = await request(t.url).get(`/api/v1/admin/certificates?query=${encodeURIComponent('Гюльнара')}`).set(admin.auth).expect(200);
    expect(listed.body.certificates.map((c: { code: string }) => c.code)).toEqual([newCode]);
  });

  it('publishes each certificate as a signed Open Badges 3.0 credential that a standard JOSE library verifies offline', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Leyla Həsənova', barNumber: 'VC-1' });
    const code = await certify(t, admin, learner);
    const res = await request(t.url).get(`/api/v1/certificates/${code}/credential`).set(learner.auth).expect(200);
    const issuer = await request(t.url).get('/.well-known/themis-issuer.json').expect(200);
    const { payload, protectedHeader } = await jwtVerify(res.body.jwt, createLocalJWKSet(issuer.body.jwks));
    expect(protectedHeader.alg).toBe('EdDSA');
    const vc = payload.vc as Record<string, any>;
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.id).toBe(`${t.config.publicUrl}/verify/${code}`);
    expect(vc.credentialSubject).toMatchObject({ name: 'Leyla Həsənova', creditsEarned: 2, cleHours: 2, cleCategories: { procedural_law: 1.5, ethics: 0.5 }, achievement: { name: 'Path course' } });
    const jwks = await request(t.url).get('/.well-known/jwks.json').expect(200);
    await jwtVerify(res.body.jwt, createLocalJWKSet(jwks.body));

    const [h, p, s] = res.body.jwt.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, vc: { ...vc, credentialSubject: { ...vc.credentialSubject, cleHours: 200 } } })).toString('base64url');
    await expect(jwtVerify(`${h}.${forged}.${s}`, createLocalJWKSet(jwks.body))).rejects.toThrow();
    const check = await request(t.url).post('/api/v1/verify/credential').send({ jwt: res.body.jwt }).expect(200);
    expect(check.body).toMatchObject({ signatureValid: true, certificate: { code, status: 'valid' } });
    const bad = await request(t.url).post('/api/v1/verify/credential').send({ jwt: `${h}.${forged}.${s}` }).expect(200);
    expect(bad.body.signatureValid).toBe(false);
    void p;
  });
});


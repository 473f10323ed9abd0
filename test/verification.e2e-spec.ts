import request from 'supertest';
import { PublicRateLimit } from '@themis/certification';
import { claimMembership, createOrganisation, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp, binaryBody, uploadRoster } from '@themis/testing';

async function certify(t: TestApp, admin: SignedInUser, learner: SignedInUser): Promise<{ code: string; pdf: Buffer }> {
  const p = new LearnerPath(t, learner);
  await p.enroll('path-course');
  await p.completeAllLessons('path-course');
  await p.passQuiz('path-course', 'basics-quiz', admin);
  const code = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code;
  const pdf = (await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
  return { code, pdf };
}

// Every test runs twice: with the lookup by code answered before Express (the default), and through Nest (FAST_VERIFICATION=false).
describe.each([
  ['the fast route', 'true'],
  ['Nest', 'false'],
])('Verification, the lookup by code answered by %s', (_how, fast) => {
  let t: TestApp;
  let admin: SignedInUser;
  let holder: SignedInUser;
  let code: string;
  let pdf: Buffer;
  let apiKey: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://themis.example.az', PUBLIC_RATE_LIMIT_PER_MINUTE: '40', TRUST_PROXY: 'true', FAST_VERIFICATION: fast } });
    admin = await loginAs(t, 'admin');
    holder = await loginAs(t, 'learner', { fullName: 'Rəşad Hüseynov', barNumber: 'AZ-2024-17' });
    // Hours count for a bar number only through a verified membership recorded on the certificate.
    const bar = await createOrganisation(t, admin, 'Verification Bar', 'UTC');
    await uploadRoster(t, bar, 'barNumber,fullName\nAZ-2024-17,Rəşad Hüseynov\n').expect(200);
    expect((await claimMembership(t, holder, bar.id, 'AZ-2024-17')).body.status).toBe('verified');
    ({ code, pdf } = await certify(t, admin, holder));
    apiKey = (await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Azerbaijan Bar Association' }).expect(201)).body.apiKey;
  });
  afterAll(() => t.close());

  it('shows the certified facts for a code, typed in any case and without hyphens', async () => {
    const res = await request(t.url).get(`/api/v1/verify/${code.toLowerCase().replace(/-/g, '')}`).expect(200);
    // Which path answered: Express adds an ETag to what Nest sends; the fast route sends none.
    expect(res.headers['etag'] === undefined).toBe(fast === 'true');
    expect(res.body).toMatchObject({
      code, status: 'valid', holderName: 'Rəşad Hüseynov', profession: 'defense_attorney', courseTitle: 'Path course', courseLanguage: 'en', cleHours: 2,
      cleCategories: { procedural_law: 1.5, ethics: 0.5 }, issuedAt: expect.any(String), expiresAt: expect.any(String), revokedAt: null, revocationReason: null,
    });
  });

  it('answers a lookup by code with the same security headers as every other route, escaped codes included', async () => {
    const fast = await request(t.url).get(`/api/v1/verify/${code}`).expect(200);
    const framework = await request(t.url).get('/api/v1/courses').expect(200);
    for (const header of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-resource-policy']) {
      // HSTS only when PUBLIC_URL is https (issue 20); the test app's is http, so it is absent from both.
      if (header !== 'strict-transport-security') expect(fast.headers[header]).toBeDefined();
      expect(fast.headers[header]).toBe(framework.headers[header]);
    }
    expect(fast.headers['x-powered-by']).toBeUndefined();
    expect(fast.headers['content-type']).toBe('application/json; charset=utf-8');
    // A code in escapes is still a code: Express decodes it and the Nest route answers the same.
    expect((await request(t.url).get(`/api/v1/verify/${encodeURIComponent(code).replace(/-/g, '%2D')}`).expect(200)).body.code).toBe(code);
  });

  it('answers 404 {status:"not_found"} for an unknown code and for a code whose check symbol is wrong', async () => {
    const unknown = await request(t.url).get('/api/v1/verify/0000-0000-0000-0000').expect(404);
    expect(unknown.body).toMatchObject({ status: 'not_found' });
    const typo = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    expect((await request(t.url).get(`/api/v1/verify/${typo}`).expect(404)).body).toMatchObject({ status: 'not_found' });
    const page = await request(t.url).get('/verify/0000-0000-0000-0000').set('Accept-Language', 'en').expect(404);
    expect(page.text).toContain('No certificate has this code:');
    // What a clerk hits first: a typo is called a typo, and the old hint's TH- prefix reads the genuine certificate.
    expect((await request(t.url).get(`/verify/${typo}`).set('Accept-Language', 'en').expect(404)).text).toContain('This code has a typo');
    expect((await request(t.url).get(`/verify?code=${typo}`).set('Accept-Language', 'en').expect(400)).text).toContain('This code has a typo');
    expect((await request(t.url).get(`/api/v1/verify/TH-${code}`).expect(200)).body).toMatchObject({ code, status: 'valid' });
    const form = await request(t.url).get('/verify').set('Accept-Language', 'en').expect(200);
    expect(form.text).toContain('e.g. 7K3M-Q9TX-2HND-W4RB');
    expect(form.text).not.toContain('TH-XXXX');
  });

  it('serves the public HTML page with the facts, escaped, with no script', async () => {
    const page = await request(t.url).get(`/verify/${code}`).set('Accept-Language', 'en').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('This certificate is genuine and valid.');
    expect(page.text).toContain('<dd class="status-valid">Valid</dd>');
    expect(page.text).toContain('Rəşad Hüseynov');
    expect(page.text).toContain('Path course');
    expect(page.text).toContain('Procedural law (hours): 1.5');
    expect(page.text).not.toMatch(/<script|style=/i);
    const hostile = await request(t.url).get(`/verify/${encodeURIComponent('<script>alert(1)</script>')}`).expect(404);
    expect(hostile.text).not.toContain('<script>alert(1)</script>');
  });

  it('reads an issued PDF as valid, a PDF with one byte changed as tampered, and any other file as unknown', async () => {
    const ok = await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(pdf).expect(200);
    expect(ok.body).toEqual({ status: 'valid', code });
    const flipped = Buffer.from(pdf);
    flipped[Math.floor(pdf.length / 3)] ^= 0x20;
    const tampered = await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(flipped).expect(200);
    expect(tampered.body).toEqual({ status: 'tampered', code });
    const other = await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(Buffer.from('%PDF-1.4\n%%EOF\n')).expect(200);
    expect(other.body).toEqual({ status: 'unknown', code: null });
    await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(Buffer.alloc(0)).expect(400);
  });

  it('answers a batch in the order asked, with one status per code, and refuses a missing or wrong key', async () => {
    await request(t.url).post('/api/v1/verify/batch').send({ codes: [code] }).expect(401);
    await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', 'thv_wrong').send({ codes: [code] }).expect(401);
    const res = await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', apiKey).send({ codes: ['0000-0000-0000-0000', code, 'nonsense'] }).expect(200);
    expect(res.body.results).toEqual([
      { code: '0000-0000-0000-0000', status: 'not_found' },
      expect.objectContaining({ code, status: 'valid', holderName: 'Rəşad Hüseynov', cleHours: 2 }),
      { code: 'nonsense', status: 'not_found' },
    ]);
    await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', apiKey).send({ codes: Array(1001).fill(code) }).expect(400);
    const full = await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', apiKey).send({ codes: Array(1000).fill(code) }).expect(200);
    expect(full.body.results).toHaveLength(1000);
  });

  it('answers each code in a batch exactly as a lookup by code does: valid, revoked, expired, superseded, typed loosely', async () => {
    const holders = await Promise.all(['Batch Valid', 'Batch Revoked', 'Batch Expired', 'Batch Superseded'].map((fullName) => loginAs(t, 'learner', { fullName })));
    const [valid, revoked, expired, superseded] = await Promise.all(holders.map(async (h) => (await certify(t, admin, h)).code));
    await t.db.query(`UPDATE certificates SET revoked_at = now(), revocation_reason = 'Issued in error: "quoted" \\ and ə' WHERE code = $1`, [revoked]);
    await t.db.query(`UPDATE certificates SET expires_at = now() - interval '1 second' WHERE code = $1`, [expired]);
    await t.db.query(`UPDATE certificates SET revoked_at = now(), revocation_reason = 'Re-issued', superseded_by = $2, replaces = $3 WHERE code = $1`, [superseded, valid, revoked]);
    const asked = [valid.toLowerCase().replace(/-/g, ''), revoked, expired, superseded, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ'];
    const batch = (await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', apiKey).send({ codes: asked }).expect(200)).body.results;
    const single = await Promise.all(asked.map(async (c) => (await request(t.url).get(`/api/v1/verify/${c}`).set('X-Forwarded-For', '198.51.100.41')).body));
    expect(batch.map((r: { status: string }) => r.status)).toEqual(['valid', 'revoked', 'expired', 'revoked', 'not_found']);
    expect(batch.slice(0, 4)).toEqual(single.slice(0, 4));
    expect(batch[4]).toEqual({ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', status: 'not_found' });
  });

  it('stops answering a revoked verifier key, and audits verifier calls and admin actions', async () => {
    const created = (await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Short-lived' }).expect(201)).body;
    await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', created.apiKey).send({ codes: [code] }).expect(200);
    await request(t.url).post(`/api/v1/admin/verifiers/${created.id}/revocation`).set(admin.auth).expect(200);
    await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', created.apiKey).send({ codes: [code] }).expect(401);
    const audit = (await request(t.url).get('/api/v1/admin/audit?limit=200').set(admin.auth).expect(200)).body.entries;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ actor: `verifier:${created.id}`, action: 'verify.batch', details: expect.objectContaining({ codeCount: 1 }) })]));
    await request(t.url).post('/api/v1/admin/users').set(admin.auth).send({ email: 'trainer.audit@example.test', password: 'a-long-test-password', fullName: 'Audited Trainer', role: 'trainer' }).expect(201);
    const after = (await request(t.url).get('/api/v1/admin/audit?limit=200').set(admin.auth).expect(200)).body.entries;
    expect(after).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: `user:${admin.id}`, action: 'verifier.create', subject: created.id }),
        expect.objectContaining({ actor: `user:${admin.id}`, action: 'verifier.revoke', subject: created.id }),
        expect.objectContaining({ actor: `user:${admin.id}`, action: 'user.create', details: expect.objectContaining({ grantedRole: 'trainer' }) }),
      ]),
    );
    expect(JSON.stringify(after)).not.toContain('a-long-test-password');
    await expect(t.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it("sums a lawyer's CLE hours in a period, per category, leaving out revoked certificates", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await request(t.url).get(`/api/v1/verify/holders/AZ-2024-17?from=2000-01-01&to=${today}`).set('X-Api-Key', apiKey).expect(200);
    expect(res.body).toMatchObject({ barNumber: 'AZ-2024-17', holderName: 'Rəşad Hüseynov', totalHours: 2, cleCategories: { procedural_law: 1.5, ethics: 0.5 } });
    expect(res.body.certificates).toEqual([expect.objectContaining({ code, status: 'valid' })]);
    const before = await request(t.url).get('/api/v1/verify/holders/AZ-2024-17?from=2000-01-01&to=2001-01-01').set('X-Api-Key', apiKey).expect(200);
    expect(before.body).toMatchObject({ totalHours: 0, certificates: [] });
    await request(t.url).get('/api/v1/verify/holders/AZ-2024-17?from=yesterday').set('X-Api-Key', apiKey).expect(400);
    // A NUL byte reached PostgreSQL, which refused it with a 500 (found by the hostile-input property test).
    const nul = await request(t.url).get('/api/v1/verify/holders/%00').set('X-Api-Key', apiKey).expect(400);
    expect(nul.body.message).toMatch(/barNumber/);
    await request(t.url).get('/api/v1/verify/holders/AZ-2024-17').expect(401);
    await request(t.url).get('/api/v1/verify/holders/NO-SUCH-BAR').set('X-Api-Key', apiKey).expect(404);
  });

  it('reads an expired certificate as expired on every surface, with its date, while the record stays', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Expired Holder', barNumber: 'EXP-1' });
    const { code: old, pdf: oldPdf } = await certify(t, admin, learner);
    // As if issued before memberships existed: listed by its printed bar number, `verified: false`.
    await t.db.query(`UPDATE certificates SET memberships = NULL WHERE code = $1`, [old]);
    await t.db.query(`UPDATE certificates SET expires_at = now() - interval '1 day' WHERE code = $1`, [old]);
    const api = await request(t.url).get(`/api/v1/verify/${old}`).expect(200);
    expect(api.body).toMatchObject({ status: 'expired', expiresAt: expect.any(String) });
    expect((await request(t.url).get(`/verify/${old}`).set('Accept-Language', 'en').expect(200)).text).toContain('Expired on');
    expect((await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(oldPdf).expect(200)).body).toEqual({ status: 'expired', code: old });
    const batch = await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', apiKey).send({ codes: [old] }).expect(200);
    expect(batch.body.results[0].status).toBe('expired');
    const hours = await request(t.url).get('/api/v1/verify/holders/EXP-1').set('X-Api-Key', apiKey).expect(200);
    expect(hours.body.certificates[0]).toMatchObject({ code: old, status: 'expired', verified: false });
    expect(hours.body.totalHours).toBe(0);
  });

  it('rate-limits public lookups per client with counters kept in PostgreSQL', async () => {
    // A client address of its own, so the calls earlier tests made do not count; well inside one minute.
    if (new Date().getSeconds() > 50) await new Promise((r) => setTimeout(r, (61 - new Date().getSeconds()) * 1000));
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await request(t.url).get(`/api/v1/verify/${code}`).set('X-Forwarded-For', '198.51.100.40')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.slice(40)).toEqual([429, 429, 429, 429, 429]);
    await t.app.get(PublicRateLimit).flush();
    const [row] = await t.db.query(`SELECT sum(count)::int AS n FROM rate_limit_counters WHERE key = 'ip:198.51.100.40'`);
    expect(row.n).toBe(45);
  });
});

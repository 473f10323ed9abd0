import request from 'supertest';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

jest.setTimeout(120_000);

/**
 * Issue 20, item 16: re-issuing a certificate after a name correction, and reading the audit log,
 * existed only in the API. Both are admin pages now: plain forms, CSRF, POST-redirect-GET, audited.
 */
describe('Admin pages for re-issue and the audit log', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let learner: SignedInUser;
  let code: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    learner = await loginAs(t, 'learner', { fullName: 'Aytan Mamedova' });
    const path = new LearnerPath(t, learner);
    await path.enroll('path-course');
    await path.completeAllLessons('path-course');
    await path.passQuiz('path-course', 'basics-quiz', admin);
    code = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code;
  });
  afterAll(() => t.close());

  function browserOf(user: SignedInUser) {
    const jar = new Map<string, string>([['themis_session', user.token]]);
    const keep = (res: request.Response) => {
      for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
        const [pair] = c.split(';');
        jar.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
      }
      return res;
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return {
      get: async (url: string) => keep(await request(t.url).get(url).set('Cookie', cookie()).redirects(0)),
      post: async (url: string, form: Record<string, string>) => keep(await request(t.url).post(url).set('Cookie', cookie()).type('form').redirects(0).send(form)),
    };
  }
  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

  it('re-issues with the corrected name from the certificates page: 303 to the new certificate, old one superseded, audited', async () => {
    // The name is corrected first (as the holder or an admin would); the certificate still carries the old one.
    await t.db.query(`UPDATE users SET full_name = 'Aytən Məmmədova' WHERE id = $1`, [learner.id]);
    const b = browserOf(admin);
    const list = await b.get(`/admin/certificates?query=${code}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`action="/admin/certificates/${code}/reissue"`);

    const refused = await b.post(`/admin/certificates/${code}/reissue`, {});
    expect(refused.status).toBe(403); // no CSRF token: nothing re-issued
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM certificates WHERE user_id = $1`, [learner.id]))[0].n)).toBe(1);

    const posted = await b.post(`/admin/certificates/${code}/reissue`, { _csrf: tokenOf(list.text) });
    expect(posted.status).toBe(303);
    const [fresh] = await t.db.query(`SELECT code, holder_name FROM certificates WHERE user_id = $1 AND revoked_at IS NULL`, [learner.id]);
    expect(fresh.holder_name).toBe('Aytən Məmmədova');
    expect(fresh.code).not.toBe(code);
    expect(posted.headers['location']).toBe(`/admin/certificates?query=${encodeURIComponent(fresh.code)}&reissued=1`);
    const shown = await b.get(posted.headers['location']);
    expect(shown.text).toContain('Aytən Məmmədova');
    expect(shown.text).toContain('The certificate was re-issued');
    const old = await request(t.url).get(`/api/v1/verify/${code}`).expect(200);
    expect(old.body.status).toBe('revoked');
    const audit = await t.db.query(`SELECT actor, subject, details FROM audit_log WHERE action = 'certificate.reissue'`);
    expect(audit).toEqual([{ actor: `user:${admin.id}`, subject: code, details: { newCode: fresh.code, holderName: 'Aytən Məmmədova' } }]);

    // A second post of the same form (a refresh of a stale page) finds the old one superseded: no second certificate.
    const again = await b.post(`/admin/certificates/${code}/reissue`, { _csrf: tokenOf(list.text) });
    expect(again.status).toBe(303);
    expect(again.headers['location']).toContain('notReissued=1');
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM certificates WHERE user_id = $1`, [learner.id]))[0].n)).toBe(2);
  });

  it('lists the audit log with filters and pages, in the three languages', async () => {
    // 60 entries of one action: more than a page of 50.
    for (let i = 0; i < 60; i++) await t.db.query(`INSERT INTO audit_log (actor, action, subject, details) VALUES ('system', 'test.filler', $1, '{}')`, [`item-${i}`]);
    const b = browserOf(admin);
    const first = await b.get('/admin/audit');
    expect(first.status).toBe(200);
    expect(first.text).toContain('<h1>Audit log</h1>');
    expect((first.text.match(/<tr data-entry=/g) ?? []).length).toBe(50);
    expect(first.text).toMatch(/href="\/admin\/audit\?page(=|&#x3D;)2"/);
    const second = await b.get('/admin/audit?page=2');
    expect((second.text.match(/<tr data-entry=/g) ?? []).length).toBeGreaterThan(10);

    const byAction = await b.get('/admin/audit?action=certificate.reissue');
    expect((byAction.text.match(/<tr data-entry=/g) ?? []).length).toBe(1);
    expect(byAction.text).toContain(`user:${admin.id}`);
    const bySubject = await b.get('/admin/audit?subject=item-7');
    expect((bySubject.text.match(/<tr data-entry=/g) ?? []).length).toBe(1);
    const byActor = await b.get(`/admin/audit?actor=${encodeURIComponent(`user:${admin.id}`)}`);
    expect((byActor.text.match(/<tr data-entry=/g) ?? []).length).toBeGreaterThanOrEqual(1);
    expect(byActor.text).not.toContain('test.filler');
    const none = await b.get('/admin/audit?from=2000-01-01&to=2000-01-31');
    expect(none.text).not.toContain('<tr data-entry=');
    const impossible = await b.get('/admin/audit?from=2026-02-31');
    expect(impossible.status).toBe(400);
    expect(impossible.text).toContain('aria-invalid="true"');

    for (const [locale, heading] of [['az', 'Audit jurnalı'], ['ru', 'Журнал аудита']] as const) {
      await request(t.url).patch('/api/v1/me').set(admin.auth).send({ locale }).expect(200);
      expect((await b.get('/admin/audit')).text).toContain(`<h1>${heading}</h1>`);
    }
    await request(t.url).patch('/api/v1/me').set(admin.auth).send({ locale: 'en' }).expect(200);

    // The API takes the same filters.
    const api = await request(t.url).get('/api/v1/admin/audit?action=certificate.reissue').set(admin.auth).expect(200);
    expect(api.body.total).toBe(1);
    await request(t.url).get('/api/v1/admin/audit?from=2026-02-31').set(admin.auth).expect(400);
  });

  it('refuses both pages to a learner', async () => {
    const b = browserOf(learner);
    expect((await b.get('/admin/audit')).status).toBe(403);
    const form = await b.get('/dashboard');
    expect((await b.post(`/admin/certificates/${code}/reissue`, { _csrf: tokenOf(form.text) })).status).toBe(403);
  });
});

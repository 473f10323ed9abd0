import request from 'supertest';
import { Browser } from 'playwright-core';
import { claimMembership, createOrganisation, createTestApp, LearnerPath, loginAs, TestApp, uploadRoster } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

jest.setTimeout(300_000);

/** Issue 14: the page a QR code opens states the memberships and accreditation recorded at issue, in the visitor's language. */
describe('The verification page of a certificate with a recorded membership', () => {
  let t: TestApp;
  let browser: Browser;
  let code: string;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    const [admin, accreditor] = await Promise.all([loginAs(t, 'admin'), loginAs(t)]);
    const bar = await createOrganisation(t, admin, 'Azərbaycan Respublikası Vəkillər Kollegiyası');
    await request(t.url).post(`/api/v1/admin/organisations/${bar.id}/grants`).set(admin.auth).send({ userId: accreditor.id, grant: 'accreditor' }).expect(201);
    await uploadRoster(t, bar, 'barNumber,fullName\nAVK-0412,Aytən Məmmədova\n').expect(200);
    const versionId = (await t.db.query(`SELECT v.id FROM course_versions v JOIN courses c ON c.id = v.course_id WHERE c.slug = 'path-course' AND v.version = 1`))[0].id;
    await request(t.url).post(`/api/v1/organisations/${bar.id}/accreditations`).set(accreditor.auth)
      .send({ courseVersionId: versionId, number: 'AVK-2026-017', hours: { procedural_law: 1, ethics: 0.5 }, validFrom: '2000-01-01' }).expect(201);
    const learner = await loginAs(t, 'learner', { fullName: 'Aytən Məmmədova' });
    expect((await claimMembership(t, learner, bar.id, 'AVK-0412').expect(201)).body.status).toBe('verified');
    const p = new LearnerPath(t, learner);
    await p.enroll('path-course');
    await p.completeAllLessons('path-course');
    await p.passQuiz('path-course', 'basics-quiz', admin);
    code = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each(['en', 'az', 'ru'])('lists the membership and the accreditation with its hours, in %s, on a phone and a desktop', async (lang) => {
    const context = await browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
    const page = await context.newPage();
    await page.goto(`${t.url}/verify/${code}`);
    const facts = (await page.locator('.verify-facts').innerText()).replace(/\s+/g, ' ');
    expect(facts).toContain('Azərbaycan Respublikası Vəkillər Kollegiyası');
    expect(facts).toContain('AVK-0412');
    expect(facts).toContain('AVK-2026-017');
    expect(facts).toMatch(lang === 'en' ? /Ethics \(hours\): 0\.5/ : lang === 'az' ? /Etika \(saat\): 0,5/ : /Этика \(часы\): 0,5/);
    await screenshots(page, `verify-record-${lang}`);
    expect(await overflowsAt360(page)).toBe(false);
    expect(await axeViolations(page, `verify-record-${lang}`)).toEqual([]);
    await context.close();
  });
});

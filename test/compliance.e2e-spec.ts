import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { binaryBody, claimMembership, createOrganisation, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp, uploadRoster } from '@themis/testing';

// Certifying five learners through the real pages and PDF rendering takes minutes on a busy two-core machine.
jest.setTimeout(240_000);

describe('CLE compliance console', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let clerk: SignedInUser;
  let accreditor: SignedInUser;
  let bar: { id: string; apiKey: string };
  const members: Record<string, SignedInUser> = {};
  const year = new Date().toISOString().slice(0, 4);

  const certify = async (learner: SignedInUser) => {
    const p = new LearnerPath(t, learner);
    await p.enroll('path-course');
    await p.completeAllLessons('path-course');
    await p.passQuiz('path-course', 'basics-quiz', admin);
    return (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code as string;
  };
  const report = (query = '') => request(t.url).get(`/api/v1/organisations/${bar.id}/compliance${query}`).set(clerk.auth);

  beforeAll(async () => {
    t = await createTestApp();
    [admin, clerk, accreditor] = await Promise.all([loginAs(t, 'admin'), loginAs(t), loginAs(t)]);
    bar = await createOrganisation(t, admin, 'Compliance Bar', 'UTC');
    for (const [u, grant] of [[clerk, 'clerk'], [accreditor, 'accreditor']] as const) {
      await request(t.url).post(`/api/v1/admin/organisations/${bar.id}/grants`).set(admin.auth).send({ userId: u.id, grant }).expect(201);
    }
    await uploadRoster(t, bar, `barNumber,fullName,admittedOn\nC-1,Compliant Advocate,\nC-2,Short Advocate,\nC-3,Exempt Advocate,2001-01-01\nC-4,Newly Admitted,${year}-01-15\nC-5,Carry Advocate,\n`).expect(200);
    for (const [n, name] of ['Compliant Advocate', 'Short Advocate', 'Exempt Advocate', 'Newly Admitted', 'Carry Advocate'].entries()) {
      members[name] = await loginAs(t, 'learner', { fullName: name });
      expect((await claimMembership(t, members[name]!, bar.id, `C-${n + 1}`).expect(201)).body.status).toBe('verified');
    }
  });
  afterAll(() => t.close());

  it('keeps CLE rules as data, starting from a set labelled as an example, and names a bad field', async () => {
    expect((await request(t.url).get(`/api/v1/organisations/${bar.id}/cle-rules`).set(clerk.auth).expect(200)).body).toMatchObject({ example: true });
    const bad = await request(t.url).put(`/api/v1/organisations/${bar.id}/cle-rules`).set(clerk.auth).send({ example: false, label: 'x', cycle: { kind: 'weekly' } }).expect(400);
    expect(bad.body.message).toMatch(/cycle\.kind/);
    const rules = {
      example: false, label: 'Compliance Bar rules', cycle: { kind: 'calendar_year' }, required: { totalHours: 1, perCategory: { ethics: 0.5 } },
      carryOver: { maxHours: 1, neverCarried: ['ethics'] }, newlyAdmitted: { withinMonths: 12, required: { totalHours: 0.5, perCategory: { ethics: 0.5 } } },
    };
    expect((await request(t.url).put(`/api/v1/organisations/${bar.id}/cle-rules`).set(clerk.auth).send(rules).expect(200)).body).toEqual(rules);
    await request(t.url).put(`/api/v1/organisations/${bar.id}/cle-rules`).set((await loginAs(t)).auth).send(rules).expect(403);
  });

  it('counts only accredited hours, by category, with carry-over, exemptions and the newly admitted track', async () => {
    // Certified before the bar accredited the course: no accredited hours.
    await certify(members['Short Advocate']!);
    const versionId = (await t.db.query(`SELECT v.id FROM course_versions v JOIN courses c ON c.id = v.course_id WHERE c.slug = 'path-course' AND v.version = 1`))[0].id;
    await request(t.url).post(`/api/v1/organisations/${bar.id}/accreditations`).set(clerk.auth).send({ courseVersionId: versionId, number: 'CB-1', hours: { ethics: 0.5 }, validFrom: '2000-01-01' }).expect(403);
    const tooMany = await request(t.url).post(`/api/v1/organisations/${bar.id}/accreditations`).set(accreditor.auth).send({ courseVersionId: versionId, number: 'CB-1', hours: { ethics: 5 }, validFrom: '2000-01-01' }).expect(400);
    expect(tooMany.body.field).toBe('hours');
    await request(t.url).post(`/api/v1/organisations/${bar.id}/accreditations`).set(accreditor.auth)
      .send({ courseVersionId: versionId, number: 'CB-2026-001', hours: { procedural_law: 1, ethics: 0.5 }, validFrom: '2000-01-01' }).expect(201);
    const code = await certify(members['Compliant Advocate']!);
    const verified = (await request(t.url).get(`/api/v1/verify/${code}`).expect(200)).body;
    expect(verified.accreditations).toEqual([{ organisationId: bar.id, organisationName: 'Compliance Bar', number: 'CB-2026-001', hours: { procedural_law: 1, ethics: 0.5 } }]);
    expect(verified.memberships).toEqual([{ organisationId: bar.id, organisationName: 'Compliance Bar', barNumber: 'C-1' }]);
    // The page a QR code opens states the same record, in the visitor's language.
    const labels = {
      en: ['Membership at issue', 'Bar number', 'Verified', 'Accreditation no.', 'Procedural law (hours): 1', 'Ethics (hours): 0.5'],
      az: ['Verilmə anında üzvlük', 'Vəsiqə nömrəsi', 'Təsdiqlənib', 'Akkreditasiya №', 'Prosessual hüquq (saat): 1', 'Etika (saat): 0,5'],
      ru: ['Членство при выдаче', 'Номер адвоката', 'Подтверждено', 'Аккредитация №', 'Процессуальное право (часы): 1', 'Этика (часы): 0,5'],
    };
    for (const [lang, words] of Object.entries(labels)) {
      const html = (await request(t.url).get(`/verify/${code}`).set('Accept-Language', lang).expect(200)).text;
      const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      for (const w of [...words, 'Compliance Bar', 'C-1', 'CB-2026-001']) expect([lang, text]).toEqual([lang, expect.stringContaining(w)]);
    }
    // A certificate without a verified membership says so instead of listing none.
    const unverified = await certify(await loginAs(t, 'learner', { fullName: 'Unlisted Advocate' }));
    const none = (await request(t.url).get(`/verify/${unverified}`).set('Accept-Language', 'en').expect(200)).text;
    expect(none).toContain('None: no verified membership was recorded when the certificate was issued');
    // The PDF prints the verified membership and the accreditation number (needs poppler-utils' pdftotext).
    const pdf = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(members['Compliant Advocate']!.auth).buffer(true).parse(binaryBody).expect(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'themis-cle-')), 'c.pdf');
    fs.writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Compliance Bar, Bar no. C-1');
    expect(text).toContain('Compliance Bar no. CB-2026-001');
    await certify(members['Carry Advocate']!);
    await t.db.query(`UPDATE certificate_members SET completed_at = completed_at - interval '1 year' WHERE bar_number_key = 'C5'`);
    await request(t.url).post(`/api/v1/organisations/${bar.id}/exemptions`).set(clerk.auth).send({ barNumber: 'c 3', reason: 'Judge on secondment', fromDay: `${year}-01-01`, toDay: `${year}-12-31` }).expect(201);

    const body = (await report().expect(200)).body;
    expect(body).toMatchObject({ cycle: { start: `${year}-01-01`, end: `${year}-12-31` }, rules: { example: false }, counts: { compliant: 1, short: 3, exempt: 1 }, total: 5 });
    const of = (name: string) => body.members.find((m: { fullName: string }) => m.fullName === name);
    expect(of('Compliant Advocate')).toMatchObject({ status: 'compliant', earned: { totalHours: 1.5, perCategory: { procedural_law: 1, ethics: 0.5 } } });
    expect(of('Short Advocate')).toMatchObject({ status: 'short', earned: { totalHours: 0 }, shortfall: { totalHours: 1, perCategory: { ethics: 0.5 } } });
    expect(of('Carry Advocate')).toMatchObject({ status: 'short', carriedIn: 0.5, shortfall: { totalHours: 0.5, perCategory: { ethics: 0.5 } } });
    expect(of('Exempt Advocate')).toMatchObject({ status: 'exempt', exemptionReason: 'Judge on secondment', required: { totalHours: 0 } });
    expect(of('Newly Admitted')).toMatchObject({ status: 'short', track: 'newly_admitted', required: { totalHours: 0.5 } });
    expect((await report('?status=short&q=advocate').expect(200)).body.members.map((m: { fullName: string }) => m.fullName).sort()).toEqual(['Carry Advocate', 'Short Advocate']);
    expect((await report('?status=late').expect(400)).body.field).toBe('status');
    await request(t.url).get(`/api/v1/organisations/${bar.id}/compliance`).set('X-Api-Key', bar.apiKey).expect(200);
    await request(t.url).get(`/api/v1/organisations/${bar.id}/compliance`).set(members['Short Advocate']!.auth).expect(403);
  });

  it('exports the list as CSV and as XLSX that a spreadsheet library reads back', async () => {
    const json = (await report('?status=short').expect(200)).body;
    const xlsx = await request(t.url).get(`/api/v1/organisations/${bar.id}/compliance/export?format=xlsx&status=short`).set(clerk.auth).buffer(true)
      .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows[0]).toEqual(['barNumber', 'fullName', 'status', 'track', 'requiredHours', 'earnedHours', 'carriedIn', 'shortfallHours', 'shortCategories', 'exemptionReason']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[7]])).toEqual(json.members.map((m: { barNumber: string; fullName: string; status: string; shortfall: { totalHours: number } }) => [m.barNumber, m.fullName, m.status, m.shortfall.totalHours]));
    const csv = await request(t.url).get(`/api/v1/organisations/${bar.id}/compliance/export?format=csv`).set(clerk.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('barNumber,fullName,status,track,requiredHours,earnedHours,carriedIn,shortfallHours,shortCategories,exemptionReason');
    expect(csv.text).toContain('C-3,Exempt Advocate,exempt');
  });

  it('pro-rates an exemption covering part of the cycle, by days in the organisation\'s time zone', async () => {
    // Half a year exempt: 1 h × 184/365 (or 366) days rounds to 0.5 h, the rules' smallest unit; ethics 0.5 h stays 0.5 h.
    await request(t.url).post(`/api/v1/organisations/${bar.id}/exemptions`).set(clerk.auth).send({ barNumber: 'C-2', reason: 'Parental leave', fromDay: `${year}-01-01`, toDay: `${year}-06-30` }).expect(201);
    const short = (await report('?q=Short').expect(200)).body.members[0];
    expect(short).toMatchObject({ status: 'short', exemptionReason: 'Parental leave', required: { totalHours: 0.5, perCategory: { ethics: 0.5 } }, shortfall: { totalHours: 0.5 } });
    expect(short.exemptDays).toBe(short.cycleDays === 366 ? 182 : 181);
    const page = await request(t.url).get(`/organisations/${bar.id}?q=Short`).set('Cookie', `themis_session=${clerk.token}`).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain(`pro-rated: exempt ${short.exemptDays} of ${short.cycleDays} days`);
  });

  it('stops counting a certificate the moment it is revoked (its member rows carry the revocation)', async () => {
    const [{ id, code }] = await t.db.query(`SELECT c.id, c.code FROM certificates c JOIN certificate_members cm ON cm.certificate_id = c.id WHERE cm.bar_number_key = 'C1'`);
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'Attendance not proven' }).expect(200);
    const [row] = await t.db.query(`SELECT cm.revoked_at = c.revoked_at AS same FROM certificate_members cm JOIN certificates c ON c.id = cm.certificate_id WHERE c.id = $1`, [id]);
    expect(row.same).toBe(true);
    expect((await report('?q=Compliant').expect(200)).body.members[0]).toMatchObject({ status: 'short', earned: { totalHours: 0 } });
  });
});

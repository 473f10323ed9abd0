import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { projectRoot } from '@themis/core';
import { UsersService } from '@themis/identity';
import { binaryBody, createTestApp, LearnerPath, loginAs, TestApp } from '@themis/testing';

// Needs poppler-utils (pdftotext, pdfsig).
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const COURSE = 'access-to-a-lawyer-essentials';
const ENGLISH_LABELS = ['Certificate of Continuing Legal Education', 'This is to certify', 'has completed', 'credited', 'hours', 'Completed', 'Issued', 'Certificate code', 'Verify at', 'Scan to verify', 'Digitally signed', 'Procedural law', 'version'];

describe('Certificates in the holder\'s language', () => {
  let t: TestApp;
  let dir: string;
  let code: string;
  let auth: Record<string, string>;
  const name = 'Gülnarə Əliyeva-Şükürova Гюльнара';
  const pdfs: Record<string, Buffer> = {};
  const get = (lang?: string) => request(t.url).get(`/api/v1/certificates/${code}/pdf${lang ? `?lang=${lang}` : ''}`).set(auth).buffer(true).parse(binaryBody).expect(200).then((r) => r.body as Buffer);
  const text = (pdf: Buffer, lang: string) => {
    const file = path.join(dir, `certificate-${lang}.pdf`);
    fs.writeFileSync(file, pdf);
    return { file, text: run('pdftotext', ['-enc', 'UTF-8', file, '-']) };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-cert-lang-'));
    const courses = path.join(dir, 'courses');
    fs.cpSync(path.join(projectRoot, 'courses', 'bibliography'), path.join(courses, 'bibliography'), { recursive: true });
    fs.cpSync(path.join(projectRoot, 'courses', COURSE), path.join(courses, COURSE), { recursive: true });
    t = await createTestApp({ coursesDir: courses });
    const admin = await loginAs(t, 'admin');
    const learner = await loginAs(t, 'learner', { fullName: name, profession: 'judge', barNumber: 'B-77' });
    await t.app.get(UsersService).updateProfile(learner.id, { locale: 'az' });
    auth = learner.auth;
    // Taken in Russian by a holder whose interface is Azerbaijani.
    await request(t.url).post(`/api/v1/courses/${COURSE}/enrollment?lang=ru`).set(auth).expect(201);
    const p = new LearnerPath(t, learner);
    await p.completeAllLessons(COURSE);
    await p.passQuiz(COURSE, 'first-interrogation-quiz', admin);
    code = (await request(t.url).get('/api/v1/me/certificates').set(auth).expect(200)).body[0].code;
    pdfs.default = await get();
    for (const lang of ['az', 'ru', 'en']) pdfs[lang] = await get(lang);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders the holder\'s interface language at issue and serves it without lang', () => {
    expect(pdfs.default!.equals(pdfs.az!)).toBe(true);
  });

  it.each(['az', 'ru', 'en'])('prints the name intact and the title in the language the course was taken in, in %s (pdftotext, pdfsig)', (lang) => {
    const { file, text: body } = text(pdfs[lang]!, lang);
    expect(body).toContain(name);
    expect(body.replace(/\s+/g, ' ')).toContain('Доступ к адвокату: главное');
    expect(body).toContain(code);
    if (lang !== 'en') for (const label of ENGLISH_LABELS) expect(body).not.toContain(label);
    const labels = { az: ['Davamlı hüquqi təhsil sertifikatı', 'Hakim', 'SERTİFİKAT KODU', 'VERİLİB', '2 dekabr', '0,25 saat'], ru: ['Сертификат о непрерывном юридическом образовании', 'Судья', 'КОД СЕРТИФИКАТА', '0,25 часа', 'декабря'], en: ['Certificate of Continuing Legal Education', 'Judge', '0.25 hours', 'December'] }[lang]!;
    for (const label of labels) expect(body.replace(/\s+/g, ' ')).toContain(label);
    const sig = run('pdfsig', [file]);
    expect(sig).toMatch(/Signature #1/);
    expect(sig).toMatch(/Signature Validation: Signature is Valid/);
  });

  it('stores each language once: the same bytes on every download, each known to the document check', async () => {
    for (const lang of ['az', 'ru', 'en']) {
      expect((await get(lang)).equals(pdfs[lang]!)).toBe(true);
      const check = await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(pdfs[lang]).expect(200);
      expect(check.body).toEqual({ status: 'valid', code });
    }
    expect(new Set(['az', 'ru', 'en'].map((l) => pdfs[l]!.toString('base64'))).size).toBe(3);
    await request(t.url).get(`/api/v1/certificates/${code}/pdf?lang=de`).set(auth).expect(400);
  });

  it('certifies the course title in the language the course was taken in, on the verify API', async () => {
    const res = await request(t.url).get(`/api/v1/verify/${code}`).expect(200);
    expect(res.body.courseTitle).toBe('Доступ к адвокату: главное');
  });

  it('names the title\'s language: courseLanguage in the API, lang on every page that shows it, inLanguage in the credential', async () => {
    expect((await request(t.url).get(`/api/v1/verify/${code}`).expect(200)).body.courseLanguage).toBe('ru');
    const mine = (await request(t.url).get('/api/v1/me/certificates').set(auth).expect(200)).body[0];
    expect(mine).toMatchObject({ courseTitle: 'Доступ к адвокату: главное', courseLanguage: 'ru' });
    const cookie = `themis_session=${auth.Authorization.slice('Bearer '.length)}`;
    const verifyPage = (await request(t.url).get(`/verify/${code}`).set('Accept-Language', 'az').expect(200)).text;
    expect(verifyPage).toContain('<span lang="ru">Доступ к адвокату: главное</span>');
    const dashboard = (await request(t.url).get('/dashboard').set('Cookie', cookie).expect(200)).text;
    // The course card and the certificate card, both in the language the course is taken in.
    expect(dashboard.match(/<h3 lang="ru">(<a [^>]*>)?Доступ к адвокату: главное/g)).toHaveLength(2);
    const transcript = (await request(t.url).get('/transcript').set('Cookie', cookie).expect(200)).text;
    expect(transcript).toContain('<span lang="ru">Доступ к адвокату: главное</span>');
    const credential = (await request(t.url).get(`/api/v1/certificates/${code}/credential?format=ldp_vc`).set(auth).expect(200)).body;
    expect(credential.name).toBe('Сертификат НЮО: Доступ к адвокату: главное');
    expect(credential.credentialSubject.achievement).toMatchObject({
      name: 'Доступ к адвокату: главное',
      inLanguage: 'ru',
      description: 'Непрерывное юридическое образование: Доступ к адвокату: главное (версия 1)',
      criteria: { narrative: 'Пройдены все уроки курса и сданы все его тесты.' },
    });
  });

  it('keeps the languages on a re-issue: the title as taken, the PDF in the holder\'s language', async () => {
    const admin = await loginAs(t, 'admin');
    const reissued = await request(t.url).post(`/api/v1/admin/certificates/${code}/reissue`).set(admin.auth).expect((r) => expect([200, 201]).toContain(r.status));
    expect(reissued.body.courseTitle).toBe('Доступ к адвокату: главное');
    code = reissued.body.code;
    const { text: body } = text(await get(), 'reissued');
    expect(body).toContain('Davamlı hüquqi təhsil sertifikatı');
    expect(body).toContain(code);
  });

  it('stores one rendering when first requests for a language race', async () => {
    const racing = await Promise.all([get('ru'), get('ru'), get('ru'), get('en'), get('en')]);
    expect(racing[1]!.equals(racing[0]!) && racing[2]!.equals(racing[0]!)).toBe(true);
    expect(racing[4]!.equals(racing[3]!)).toBe(true);
    expect((await get('ru')).equals(racing[0]!)).toBe(true);
  });
});

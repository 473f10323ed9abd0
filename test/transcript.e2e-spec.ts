import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

// Needs poppler-utils (pdftotext).
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * One learner, three certificates: path-course (2 h: procedural 1.5, ethics 0.5) issued in 2025 and
 * then reissued in 2026 (the 2025 one is revoked as superseded), and timed-course (1 h skills) in 2025, Baku time.
 * So 2025 counts 1 h (the revoked 2 h are listed, not counted) and 2026 counts 2 h.
 */
describe('Learner transcript', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let learner: SignedInUser;
  const name = 'Gülnarə Məmmədova-Зейналова';
  const codes: { revoked: string; reissued: string; timed: string } = { revoked: '', reissued: '', timed: '' };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    learner = await loginAs(t, 'learner', { fullName: name, barNumber: 'AZ-4711', profession: 'defense_attorney' });
    const path = new LearnerPath(t, learner);
    await path.enroll('path-course');
    await path.completeAllLessons('path-course');
    await path.passQuiz('path-course', 'basics-quiz', admin);
    // timed-course wants 30 s on its lesson: the study clock is moved back instead of waiting.
    await path.enroll('timed-course');
    await request(t.url).get('/api/v1/courses/timed-course/lessons/only-lesson').set(learner.auth).expect(200);
    await t.db.query(`UPDATE study_clocks SET since = now() - interval '20 minutes' WHERE user_id = $1`, [learner.id]);
    await request(t.url).post('/api/v1/courses/timed-course/lessons/only-lesson/completion').set(learner.auth).expect(200);
    const quiz = (await request(t.url).get('/api/v1/courses/timed-course').set(learner.auth).expect(200)).body.modules[0].quiz.slug as string;
    await path.passQuiz('timed-course', quiz, admin);

    const certs = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body as { code: string; courseSlug: string }[];
    expect(certs).toHaveLength(2);
    codes.revoked = certs.find((c) => c.courseSlug === 'path-course')!.code;
    codes.timed = certs.find((c) => c.courseSlug === 'timed-course')!.code;
    codes.reissued = (await request(t.url).post(`/api/v1/admin/certificates/${codes.revoked}/reissue`).set(admin.auth).expect(201)).body.code;
    const issue = (code: string, at: string) => t.db.query(`UPDATE certificates SET issued_at = $2 WHERE code = $1`, [code, at]);
    await issue(codes.revoked, '2025-03-10T09:00:00Z');
    await issue(codes.timed, '2024-12-31T21:30:00Z'); // 1 January 2025, 01:30 in Baku (UTC+4): a 2025 certificate
    await issue(codes.reissued, '2026-05-01T09:00:00Z');
  });
  afterAll(() => t.close());

  it('adds up the counted CLE hours per calendar year, by category, leaving the revoked certificate out', async () => {
    const { body } = await request(t.url).get('/api/v1/me/transcript').set(learner.auth).expect(200);
    expect(body.holder).toEqual({ fullName: name, profession: 'defense_attorney', barNumber: 'AZ-4711' });
    expect(body.years.map((y: { year: number; totalHours: number }) => [y.year, y.totalHours])).toEqual([[2026, 2], [2025, 1]]);
    expect(body.totalHours).toBe(3);
    const [y2026, y2025] = body.years;
    expect(y2026.hoursByCategory).toEqual([{ category: 'ethics', hours: 0.5 }, { category: 'procedural_law', hours: 1.5 }]);
    expect(y2025.hoursByCategory).toEqual([{ category: 'skills', hours: 1 }]);
    expect(y2025.certificates.map((c: { code: string; counted: boolean; status: string }) => [c.code, c.counted, c.status])).toEqual([
      [codes.timed, true, 'valid'],
      [codes.revoked, false, 'revoked'],
    ]);
  });

  it('reports time on task per course from the completed lessons', async () => {
    const { body } = await request(t.url).get('/api/v1/me/transcript').set(learner.auth).expect(200);
    const timed = body.courses.find((c: { courseSlug: string }) => c.courseSlug === 'timed-course');
    expect(timed).toMatchObject({ lessonsCompleted: 1, completedAt: expect.any(String) });
    expect(timed.secondsOnTask).toBeGreaterThanOrEqual(30);
    expect(body.courses.find((c: { courseSlug: string }) => c.courseSlug === 'path-course').lessonsCompleted).toBe(2);
  });

  it("shows only the caller's own record: another learner's transcript is empty", async () => {
    const other = await loginAs(t, 'learner', { fullName: 'Other Learner' });
    const { body } = await request(t.url).get('/api/v1/me/transcript').set(other.auth).expect(200);
    expect(body).toMatchObject({ holder: { fullName: 'Other Learner' }, years: [], totalHours: 0, courses: [] });
    await request(t.url).get('/api/v1/me/transcript').expect(401);
  });

  it('renders the page and an A4 PDF with the Unicode name, bar number and year totals (pdftotext)', async () => {
    const cookie = `themis_session=${learner.token}`;
    const page = await request(t.url).get('/transcript').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Gülnarə Məmmədova-Зейналова');
    expect(page.text).toContain('Total for 2025');
    const dashboard = await request(t.url).get('/dashboard').set('Cookie', cookie).expect(200);
    expect(dashboard.text).toContain('href="/transcript"');

    const res = await request(t.url).get('/transcript.pdf').set('Cookie', cookie).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-')), 'transcript.pdf');
    fs.writeFileSync(file, res.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(name);
    expect(text).toContain('Bar no. AZ-4711');
    expect(text).toContain('Total for 2025: 1 hour of CLE');
    expect(text).toContain('Total for 2026: 2 hours of CLE');
    expect(text).toContain('REVOKED — not counted');
    expect(text).toContain(codes.revoked);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    if (process.env['KEEP_TRANSCRIPT_PDF']) fs.copyFileSync(file, process.env['KEEP_TRANSCRIPT_PDF']);
  });

  it('renders the transcript PDF in Russian and Azerbaijani, with no English label left (pdftotext)', async () => {
    const cookie = `themis_session=${learner.token}`;
    const expected = { ru: ['Выписка о непрерывном юридическом образовании', 'Итого за 2025 год: 1 час НЮО', 'Итого за 2026 год: 2 часа НЮО', 'ОТОЗВАН'], az: ['Davamlı hüquqi təhsil üzrə arayış', '2025 üzrə cəmi: 1 saat DHT', 'LƏĞV EDİLİB'] };
    for (const [lang, words] of Object.entries(expected)) {
      const res = await request(t.url).get(`/transcript.pdf?lang=${lang}`).set('Cookie', cookie).buffer(true).parse(binary).expect(200);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-')), `transcript-${lang}.pdf`);
      fs.writeFileSync(file, res.body as Buffer);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(name);
      for (const w of words) expect(text.replace(/\s+/g, ' ')).toContain(w);
      for (const english of ['Total for', 'Issued', 'Course', 'Certificate', 'Hours', 'REVOKED', 'Time on task', 'Bar no.', 'Page ']) expect(text).not.toContain(english);
    }
    await request(t.url).get('/transcript.pdf?lang=de').set('Cookie', cookie).expect(400);
  });
});

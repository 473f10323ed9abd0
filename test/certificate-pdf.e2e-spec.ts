import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createTestApp, LearnerPath, loginAs, TestApp, binaryBody } from '@themis/testing';

// Needs poppler-utils (pdftotext, pdffonts, pdfsig, pdftoppm) and zbar-tools (zbarimg).
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const runStatus = (cmd: string, args: string[]) => {
  try {
    return { code: 0, out: run(cmd, args) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: String(e.stdout) };
  }
};

describe('Certificate PDF', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let code: string;
  const name = 'Aytən Məmmədova-Şükürova Ğıçöü Гюльнара Алиева';
  const publicUrl = 'https://verify.themis.example.az';

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: publicUrl } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-pdf-'));
    const admin = await loginAs(t, 'admin');
    const learner = await loginAs(t, 'learner', { fullName: name, profession: 'judge', barNumber: 'B-77' });
    const p = new LearnerPath(t, learner);
    await p.enroll('path-course');
    await p.completeAllLessons('path-course');
    await p.passQuiz('path-course', 'basics-quiz', admin);
    code = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code;
    const pdf = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(learner.auth).buffer(true).parse(binaryBody).expect(200);
    file = path.join(dir, 'certificate.pdf');
    fs.writeFileSync(file, pdf.body as Buffer);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the holder name exactly as registered, in any script, and the certified facts (pdftotext)', () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text).toContain(name);
    expect(text).toContain('Judge');
    expect(text).toContain('Path course');
    expect(text).toContain('2 hours');
    expect(text).toContain('Procedural law: 1.5 h');
    expect(text).toContain(code);
    expect(text).toContain('Themis Continuing Legal Education');
  });

  it('embeds every font it uses (pdffonts)', () => {
    const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/); // emb, sub, uni
  });

  it('carries a valid digital signature over the whole document (pdfsig), which any later change breaks', () => {
    const out = runStatus('pdfsig', [file]).out;
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Themis Continuing Legal Education');
    const bytes = fs.readFileSync(file);
    const changed = Buffer.from(bytes);
    const at = bytes.indexOf(Buffer.from('/Keywords')) - 20; // inside the signed range, outside the signature value
    changed[at] = changed[at] ^ 0x01;
    const tampered = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(tampered, changed);
    expect(runStatus('pdfsig', [tampered]).out).not.toContain('Signature is Valid.');
  });

  it('has a QR code that decodes to the public verification URL (pdftoppm + zbarimg)', () => {
    run('pdftoppm', ['-png', '-r', '150', '-singlefile', file, path.join(dir, 'page')]);
    const decoded = run('zbarimg', ['--quiet', '--raw', path.join(dir, 'page.png')]).trim();
    expect(decoded).toBe(`${publicUrl}/verify/${code}`);
  });

  it('is A4 landscape', () => {
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
  });
});

import 'reflect-metadata';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import { Pool } from 'pg';
import { ROW_COLUMNS } from '../../libs/certification/src/certificates/certificate.repository';
import { normalizeRow, toVerification } from '../../libs/certification/src/certificates/certificate.view';
import { createViewEngine, VIEWS_DIR } from '../../apps/server/src/web/view-engine';

/**
 * The bare baselines, one process: node:http + pg with no framework, doing the same query
 * (or rendering the same template, or the same pdfkit work) as the server's route, so the
 * bench can print "server / bare" for each figure on the same data in the same run.
 *
 *   GET  /api/v1/verify/:code                    same SELECT as CertificateRepository.findByCode
 *   POST /api/v1/verify/batch {codes}            same SELECT … WHERE code = ANY($1)
 *   GET  /courses/:slug/lessons/:lesson          one SELECT + the visit INSERT, pages/lesson.hbs
 *   GET  /api/v1/courses/:slug/lessons/:lesson   the same SELECT + INSERT, as JSON
 *   GET  /bare/pdf                               a one-page A4 certificate-like PDF with pdfkit
 *
 * Run: DATABASE_URL=… JWT_SECRET=… PORT=… node dist/bench/baselines/bare-server.js
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const secret = process.env.JWT_SECRET ?? '';
const render = createViewEngine(VIEWS_DIR);
const LESSON_TEMPLATE = path.join(VIEWS_DIR, 'pages', 'lesson.hbs');

const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = { serif: fs.readFileSync(path.join(fontDir, 'DejaVuSerif.ttf')), bold: fs.readFileSync(path.join(fontDir, 'DejaVuSerif-Bold.ttf')), sans: fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf')) };

/** HS256 check of the session/bearer token, like the server's (no library). */
function userFromToken(token: string | undefined): string | null {
  if (!token) return null;
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return null;
  const expected = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  if (expected.length !== s.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(s))) return null;
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { sub: string; exp: number };
  return payload.exp * 1000 > Date.now() ? payload.sub : null;
}

const LESSON_SQL = `
  SELECT e.id AS "enrollmentId", c.slug AS "courseSlug", v.title AS "courseTitle", v.language, m.title AS "moduleTitle", m.slug AS "moduleSlug",
         l.id AS "lessonId", l.slug, l.title, l.minutes, l.html, l.content_note AS "contentNote", l.case_refs AS "caseRefs",
         (SELECT count(*)::int FROM lessons WHERE version_id = v.id) AS "totalLessons",
         (SELECT count(*)::int FROM quizzes WHERE version_id = v.id) AS "totalQuizzes",
         (SELECT count(*)::int FROM lesson_completions WHERE enrollment_id = e.id) AS "completedLessons",
         (SELECT count(*)::int FROM quiz_passes WHERE enrollment_id = e.id) AS "quizzesPassed",
         EXISTS (SELECT 1 FROM lesson_completions WHERE enrollment_id = e.id AND lesson_id = l.id) AS done
    FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN course_versions v ON v.id = e.version_id
    JOIN lessons l ON l.version_id = v.id AND l.slug = $3 JOIN course_modules m ON m.id = l.module_id
   WHERE e.user_id = $1 AND c.slug = $2`;

async function lesson(userId: string, slug: string, lessonSlug: string): Promise<Record<string, any> | null> {
  const { rows } = await pool.query(LESSON_SQL, [userId, slug, lessonSlug]);
  if (!rows.length) return null;
  const r = rows[0];
  await pool.query(`INSERT INTO lesson_visits (enrollment_id, lesson_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [r.enrollmentId, r.lessonId]);
  const total = r.totalLessons + r.totalQuizzes;
  const percent = total ? Math.round(((r.completedLessons + r.quizzesPassed) / total) * 100) : 0;
  return {
    title: r.title,
    course: { slug: r.courseSlug, title: r.courseTitle, language: r.language },
    module: { title: r.moduleTitle, quiz: null },
    lesson: { slug: r.slug, title: r.title, minutes: r.minutes, contentNote: r.contentNote, html: r.html, caseRefs: r.caseRefs, moduleSlug: r.moduleSlug, previous: null, next: null },
    showNote: false,
    done: r.done,
    progress: { percent, completedLessons: r.completedLessons, totalLessons: r.totalLessons, quizzesPassed: r.quizzesPassed, totalQuizzes: r.totalQuizzes, status: 'in_progress' },
  };
}

function bareCertificatePdf(code: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, pdfVersion: '1.7' });
  doc.registerFont('serif', FONTS.serif);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('sans', FONTS.sans);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('bold').fontSize(30).text('Certificate of Continuing Legal Education', 60, 80, { width: 720, align: 'center' });
  doc.font('serif').fontSize(16).text('This certifies that', 60, 150, { width: 720, align: 'center' });
  doc.font('bold').fontSize(26).text('Learner Əliyev Şəmsəddin', 60, 180, { width: 720, align: 'center' });
  doc.font('serif').fontSize(14).text('completed Working with victims of human trafficking (version 1), 2.25 CLE hours', 60, 230, { width: 720, align: 'center' });
  doc.font('sans').fontSize(10).text(`Certificate ${code} · verify at http://localhost/verify/${code}`, 60, 520, { width: 720, align: 'center' });
  doc.end();
  return done;
}

const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer) => {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const cookie = (req: http.IncomingMessage, name: string) => req.headers.cookie?.split(/;\s*/).find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);

const server = http.createServer(async (req, res) => {
  try {
    const url = req.url ?? '/';
    let m: RegExpMatchArray | null;
    if (req.method === 'POST' && url === '/api/v1/verify/batch') {
      const { codes } = JSON.parse(await readBody(req)) as { codes: string[] };
      const { rows } = await pool.query(`SELECT ${ROW_COLUMNS} FROM certificates c WHERE c.code = ANY($1::varchar[])`, [codes]);
      const now = new Date();
      return send(res, 200, 'application/json', JSON.stringify({ results: rows.map((r) => toVerification(normalizeRow(r), now)) }));
    }
    if ((m = url.match(/^\/api\/v1\/verify\/([^/?]+)$/))) {
      const { rows } = await pool.query(`SELECT ${ROW_COLUMNS} FROM certificates c WHERE c.code = $1`, [decodeURIComponent(m[1])]);
      return send(res, rows.length ? 200 : 404, 'application/json', JSON.stringify(rows.length ? toVerification(normalizeRow(rows[0])) : { status: 'not_found' }));
    }
    if ((m = url.match(/^\/(api\/v1\/)?courses\/([^/]+)\/lessons\/([^/?]+)$/))) {
      const api = Boolean(m[1]);
      const userId = userFromToken(api ? req.headers.authorization?.replace(/^Bearer /, '') : cookie(req, 'themis_session'));
      if (!userId) return send(res, 401, 'text/plain', 'sign in');
      const page = await lesson(userId, m[2], m[3]);
      if (!page) return send(res, 404, 'text/plain', 'not found');
      if (api) return send(res, 200, 'application/json', JSON.stringify(page.lesson));
      const data = { ...page, locale: 'en', user: { id: userId, isStaff: false, isAdmin: false }, csrfToken: crypto.randomBytes(32).toString('hex'), currentPath: url };
      return render(LESSON_TEMPLATE, data, (err, html) => (err ? send(res, 500, 'text/plain', String(err)) : send(res, 200, 'text/html; charset=utf-8', html!)));
    }
    if (url.startsWith('/bare/pdf')) {
      const code = 'ABCD-EFGH-JKMN-PQR' + Math.floor(Math.random() * 10);
      return send(res, 200, 'application/pdf', await bareCertificatePdf(code));
    }
    send(res, 404, 'text/plain', 'not found');
  } catch (err) {
    send(res, 500, 'text/plain', String(err));
  }
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`bare baseline ready at http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));

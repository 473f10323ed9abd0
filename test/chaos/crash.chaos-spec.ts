import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { projectRoot } from '@themis/core';
import { freePort, startServer } from '../startup/server-process';

const FIXTURE_COURSES = path.join(projectRoot, 'test', 'fixtures', 'courses');
const COURSE = 'path-course';
const QUIZ = 'basics-quiz';
const LEARNERS = 40;
/** The kill lands once this many writes have been acknowledged: mid-burst, with many more in flight. */
const KILL_AFTER = 50;

/** The running embedded cluster's address: its port is line 4 of postmaster.pid, its password in DATA_DIR. */
function embeddedUrl(dataDir: string): string {
  const port = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const password = fs.readFileSync(path.join(dataDir, 'embedded-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/themis`;
}

type Ack =
  | { kind: 'completion'; email: string; lesson: string }
  | { kind: 'attempt'; email: string; attemptId: string }
  | { kind: 'submission'; email: string; attemptId: string; passed: boolean };

interface Learner {
  email: string;
  auth: { Authorization: string };
}

describe('Crash safety', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-chaos-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged write, half of nothing, and one certificate per learner and course version after a SIGKILL mid-burst', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), COURSES_DIR: FIXTURE_COURSES, ADMIN_EMAIL: 'chaos@example.test', ADMIN_PASSWORD: 'Seven lanterns over Baku bay', REGISTRATION_MAX_PER_HOUR_PER_IP: '100000' };
    const first = startServer(env);
    const url = await first.ready;
    const acks: Ack[] = [];
    const learners: Learner[] = [];
    // Option ids are drawn per attempt: the key's right options are found in each attempt by their text.
    let keyQuestions: { id: string; options: { text: string; correct: boolean }[] }[] = [];
    const rightAnswers = (shown: { questions: { id: string; options: { id: string; text: string }[] }[] }) =>
      shown.questions.map((q) => {
        const right = keyQuestions.find((k) => k.id === q.id)!.options.filter((o) => o.correct).map((o) => o.text);
        return { questionId: q.id, optionIds: q.options.filter((o) => right.includes(o.text)).map((o) => o.id) };
      });
    let lessons: string[] = [];
    let killed = false;
    try {

    const adminLogin = await request(url).post('/api/v1/auth/login').send({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }).expect(200);
    const key = await request(url).get(`/api/v1/author/courses/${COURSE}/quizzes/${QUIZ}`).set('Authorization', `Bearer ${adminLogin.body.accessToken}`).expect(200);
    keyQuestions = key.body.questions;
    const detail = await request(url).get(`/api/v1/courses/${COURSE}`).expect(200);
    lessons = detail.body.modules.flatMap((m: { lessons: { slug: string }[] }) => m.lessons.map((l) => l.slug));

    for (let i = 0; i < LEARNERS; i++) {
      const email = `crash.${i}@example.test`;
      await request(url).post('/api/v1/auth/register').send({ email, password: 'a-sudden-stop-passphrase', fullName: `Crash Learner ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, profession: 'defense_attorney' }).expect(201);
      const login = await request(url).post('/api/v1/auth/login').send({ email, password: 'a-sudden-stop-passphrase' }).expect(200);
      const auth = { Authorization: `Bearer ${login.body.accessToken}` };
      await request(url).post(`/api/v1/courses/${COURSE}/enrollment`).set(auth).expect(201);
      learners.push({ email, auth });
      // Two in three arrive at the burst with their lessons done, so certificates are being issued when the kill lands.
      if (i % 3 !== 0) {
        for (const lesson of lessons) {
          await request(url).get(`/api/v1/courses/${COURSE}/lessons/${lesson}`).set(auth).expect(200);
          await request(url).post(`/api/v1/courses/${COURSE}/lessons/${lesson}/completion`).set(auth).expect(200);
        }
      }
    }

    // The burst: every learner walks the whole path at once; the server is killed part-way.
    const ack = (a: Ack) => {
      if (killed) return;
      acks.push(a);
      if (acks.length >= KILL_AFTER && !killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    };
    const walk = async (l: Learner, i: number) => {
      for (const lesson of i % 3 === 0 ? lessons : []) {
        await request(url).get(`/api/v1/courses/${COURSE}/lessons/${lesson}`).set(l.auth);
        const done = await request(url).post(`/api/v1/courses/${COURSE}/lessons/${lesson}/completion`).set(l.auth);
        if (done.status === 200) ack({ kind: 'completion', email: l.email, lesson });
      }
      const attempt = await request(url).post(`/api/v1/courses/${COURSE}/quizzes/${QUIZ}/attempts`).set(l.auth);
      if (attempt.status !== 201) return;
      ack({ kind: 'attempt', email: l.email, attemptId: attempt.body.attemptId });
      const submitted = await request(url).post(`/api/v1/attempts/${attempt.body.attemptId}/submission`).set(l.auth).send({ answers: rightAnswers(attempt.body) });
      if (submitted.status === 200) ack({ kind: 'submission', email: l.email, attemptId: attempt.body.attemptId, passed: submitted.body.passed });
    };
    await Promise.all(learners.map((l, i) => walk(l, i).catch(() => undefined)));
    } finally {
      first.child.kill('SIGKILL');
    }
    await first.exited;
    expect(killed).toBe(true);
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // The kill interrupted all three kinds of write, not just the first.
    expect(new Set(acks.map((a) => a.kind))).toEqual(new Set(['completion', 'attempt', 'submission']));
    expect(acks.filter((a) => a.kind === 'submission').length).toBeLessThan(LEARNERS);

    // Restart on the same DATA_DIR: the orphaned PostgreSQL is stopped and the cluster recovers.
    const second = startServer(env);
    const again = await second.ready;
    try {
      const db = new Client({ connectionString: embeddedUrl(dataDir) });
      await db.connect();
      try {
        for (const a of acks) {
          if (a.kind === 'completion') {
            const { rowCount } = await db.query(
              `SELECT 1 FROM lesson_completions c JOIN enrollments e ON e.id = c.enrollment_id JOIN users u ON u.id = e.user_id JOIN lessons l ON l.id = c.lesson_id WHERE u.email = $1 AND l.slug = $2`,
              [a.email, a.lesson],
            );
            expect([a, rowCount]).toEqual([a, 1]);
          } else if (a.kind === 'attempt') {
            const { rowCount } = await db.query(`SELECT 1 FROM quiz_attempts WHERE id = $1`, [a.attemptId]);
            expect([a, rowCount]).toEqual([a, 1]);
          } else {
            const { rows } = await db.query(`SELECT submitted_at IS NOT NULL AS submitted, passed FROM quiz_attempts WHERE id = $1`, [a.attemptId]);
            expect([a, rows[0]]).toEqual([a, { submitted: true, passed: a.passed }]);
            // Every lesson was acknowledged before the quiz, so passing it issued the certificate in the same transaction.
            const { rowCount } = await db.query(`SELECT 1 FROM certificates c JOIN users u ON u.id = c.user_id WHERE u.email = $1`, [a.email]);
            expect([a, rowCount]).toEqual([a, 1]);
          }
        }
        // Nothing half-written: completion, certificate, its PDF hash and its audit entry exist together or not at all.
        const orphans = await db.query(`
          SELECT 'completed without certificate' AS problem, e.id::text AS subject FROM enrollments e
            WHERE e.completed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrollment_id = e.id AND c.code = e.certificate_code)
          UNION ALL SELECT 'certificate without completion', c.code FROM certificates c JOIN enrollments e ON e.id = c.enrollment_id WHERE e.completed_at IS NULL
          UNION ALL SELECT 'certificate without issue audit', c.code FROM certificates c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'certificate.issue' AND a.subject = c.code)
          UNION ALL SELECT 'pdf hash mismatch', c.code FROM certificates c WHERE encode(sha256(c.pdf), 'hex') <> c.pdf_sha256
          UNION ALL SELECT 'passed attempt without pass record', a.id::text FROM quiz_attempts a WHERE a.passed AND NOT EXISTS (SELECT 1 FROM quiz_passes p WHERE p.attempt_id = a.id)
          UNION ALL SELECT 'two certificates for one course version', user_id::text FROM certificates GROUP BY user_id, course_version_id HAVING count(*) > 1`);
        expect(orphans.rows).toEqual([]);
      } finally {
        await db.end();
      }

      // Every learner can finish after the crash, and ends with exactly one certificate.
      for (const l of learners) {
        for (const lesson of lessons) {
          await request(again).get(`/api/v1/courses/${COURSE}/lessons/${lesson}`).set(l.auth).expect(200);
          await request(again).post(`/api/v1/courses/${COURSE}/lessons/${lesson}/completion`).set(l.auth).expect(200);
        }
        const progress = await request(again).get('/api/v1/me/progress').set(l.auth).expect(200);
        if (progress.body[0].status !== 'completed') {
          const attempt = await request(again).post(`/api/v1/courses/${COURSE}/quizzes/${QUIZ}/attempts`).set(l.auth).expect(201);
          await request(again).post(`/api/v1/attempts/${attempt.body.attemptId}/submission`).set(l.auth).send({ answers: rightAnswers(attempt.body) }).expect(200);
        }
        const certificates = await request(again).get('/api/v1/me/certificates').set(l.auth).expect(200);
        expect([l.email, certificates.body.length]).toEqual([l.email, 1]);
        await request(again).get(`/api/v1/verify/${certificates.body[0].code}`).expect(200);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});

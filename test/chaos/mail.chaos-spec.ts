import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { projectRoot } from '@themis/core';
import { messageIdFor } from '@themis/mail';
import { startSmtpSink } from '@themis/testing';
import { freePort, startServer } from '../startup/server-process';

const FIXTURE_COURSES = path.join(projectRoot, 'test', 'fixtures', 'courses');
const COURSE = 'path-course';
const QUIZ = 'basics-quiz';
const LEARNERS = 16;
/** Messages accepted before the SMTP server starts holding the rest unanswered; the kill lands while they are held. */
const ACCEPT_BEFORE_KILL = 4;

function embeddedUrl(dataDir: string): string {
  const port = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const password = fs.readFileSync(path.join(dataDir, 'embedded-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/themis`;
}

describe('Mail across a crash', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-mail-chaos-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('delivers every queued mail exactly once after a SIGKILL in the middle of a burst', async () => {
    const sink = await startSmtpSink();
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, COURSES_DIR: FIXTURE_COURSES, SMTP_URL: sink.url, WORKER_CONCURRENCY: '4', DATABASE_CONNECT_TIMEOUT_MS: '30000', ADMIN_EMAIL: 'mail-chaos@example.test', ADMIN_PASSWORD: 'Seven lanterns over Baku bay', REGISTRATION_MAX_PER_HOUR_PER_IP: '100000' };
    const first = startServer(env);
    const url = await first.ready;
    const passed: string[] = [];
    let killedAt = 0;
    try {
      const adminLogin = await request(url).post('/api/v1/auth/login').send({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }).expect(200);
      const key = await request(url).get(`/api/v1/author/courses/${COURSE}/quizzes/${QUIZ}`).set('Authorization', `Bearer ${adminLogin.body.accessToken}`).expect(200);
      // Option ids are drawn per attempt: the key's right options are found in each attempt by their text.
      const keyQuestions: { id: string; options: { text: string; correct: boolean }[] }[] = key.body.questions;
      const rightAnswers = (shown: { questions: { id: string; options: { id: string; text: string }[] }[] }) =>
        shown.questions.map((q) => {
          const right = keyQuestions.find((k) => k.id === q.id)!.options.filter((o) => o.correct).map((o) => o.text);
          return { questionId: q.id, optionIds: q.options.filter((o) => right.includes(o.text)).map((o) => o.id) };
        });
      const detail = await request(url).get(`/api/v1/courses/${COURSE}`).expect(200);
      const lessons: string[] = detail.body.modules.flatMap((m: { lessons: { slug: string }[] }) => m.lessons.map((l) => l.slug));
      const learners: { email: string; auth: { Authorization: string } }[] = [];
      for (let i = 0; i < LEARNERS; i++) {
        const email = `mail.chaos.${i}@example.test`;
        await request(url).post('/api/v1/auth/register').send({ email, password: 'orbit-lantern-meadow-42', fullName: `Mail Chaos ${String.fromCharCode(65 + i)}`, profession: 'judge', locale: (['en', 'az', 'ru'] as const)[i % 3] }).expect(201);
        const login = await request(url).post('/api/v1/auth/login').send({ email, password: 'orbit-lantern-meadow-42' }).expect(200);
        const auth = { Authorization: `Bearer ${login.body.accessToken}` };
        await request(url).post(`/api/v1/courses/${COURSE}/enrollment`).set(auth).expect(201);
        for (const lesson of lessons) {
          await request(url).get(`/api/v1/courses/${COURSE}/lessons/${lesson}`).set(auth).expect(200);
          await request(url).post(`/api/v1/courses/${COURSE}/lessons/${lesson}/completion`).set(auth).expect(200);
        }
        learners.push({ email, auth });
      }

      // The burst: every learner passes the quiz at once; each pass issues a certificate and queues its mail in that transaction.
      // The kill lands while messages are on the wire unanswered, and not between an acceptance and its job's
      // completion (the one window where a repeat is expected, README: Mail): the accepted ones are completed first.
      const kill = (async () => {
        await sink.waitFor((r) => r.length >= ACCEPT_BEFORE_KILL, 120_000);
        sink.hold();
        await sink.waitFor(() => sink.held() >= 2, 60_000);
        const db = new Client({ connectionString: embeddedUrl(dataDir) });
        await db.connect();
        try {
          for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
            const accepted = sink.received.map((m) => m.messageId);
            const { rows } = await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail' AND state = 'completed' AND data->>'messageId' = ANY($1)`, [accepted]);
            if (rows[0].n === accepted.length) break;
          }
        } finally {
          await db.end();
        }
        killedAt = Date.now();
        first.child.kill('SIGKILL');
      })();
      await Promise.all(
        learners.map(async (l) => {
          const attempt = await request(url).post(`/api/v1/courses/${COURSE}/quizzes/${QUIZ}/attempts`).set(l.auth);
          if (attempt.status !== 201) return;
          const submitted = await request(url).post(`/api/v1/attempts/${attempt.body.attemptId}/submission`).set(l.auth).send({ answers: rightAnswers(attempt.body) });
          if (submitted.status === 200 && submitted.body.passed) passed.push(l.email);
        }).map((p) => p.catch(() => undefined)),
      );
      await kill;
    } finally {
      first.child.kill('SIGKILL');
    }
    await first.exited;
    expect(killedAt).toBeGreaterThan(0);
    const acceptedBeforeKill = sink.received.length;
    expect(acceptedBeforeKill).toBeGreaterThanOrEqual(ACCEPT_BEFORE_KILL);
    // Messages the dead process had on the wire are never answered "250": the sender hung up.
    sink.release();

    const second = startServer(env);
    await second.ready;
    try {
      const db = new Client({ connectionString: embeddedUrl(dataDir) });
      await db.connect();
      let expected: { id: string; email: string }[];
      try {
        expected = (await db.query(`SELECT c.id, u.email FROM certificates c JOIN users u ON u.id = c.user_id`)).rows;
      } finally {
        await db.end();
      }
      // Every acknowledged pass committed its certificate, and with it its mail.
      for (const email of passed) expect(expected.map((e) => e.email)).toContain(email);
      expect(expected.length).toBeGreaterThan(acceptedBeforeKill);
      const ids = new Map(expected.map((e) => [messageIdFor(`certificate-issued:${e.id}`, env.PUBLIC_URL), e.email]));
      // Jobs the kill left active expire (60 s), are failed by maintenance (every 30 s) and retried.
      await sink.waitFor((r) => [...ids.keys()].every((id) => r.some((m) => m.messageId === id)), 240_000);
      await new Promise((r) => setTimeout(r, 5000));
      const counts = new Map<string, number>();
      for (const m of sink.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect(new Set(counts.keys())).toEqual(new Set(ids.keys()));
      for (const m of sink.received) expect(m.to).toEqual([ids.get(m.messageId)]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      await sink.close();
    }
  }, 480_000);
});

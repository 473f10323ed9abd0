import * as path from 'node:path';
import request from 'supertest';
import { AttemptDeadlines } from '@themis/assessment';
import { projectRoot } from '@themis/core';
import { answersFromKey, createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

type Shown = { attemptId: string; questions: { id: string; type: string; prompt: string; options: { id: string; text: string }[]; stems?: { id: string; text: string }[] }[] };

describe('Quiz integrity (issue 21)', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ coursesDir: path.join(projectRoot, 'test', 'fixtures', 'quiz-courses') });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());
  const api = () => request(t.url);
  const learnerIn = async (course: string) => {
    const learner = await loginAs(t, 'learner', { profession: 'defense_attorney' });
    await new LearnerPath(t, learner).enroll(course);
    return learner;
  };
  const start = async (learner: SignedInUser, course: string, quiz: string): Promise<Shown> => (await api().post(`/api/v1/courses/${course}/quizzes/${quiz}/attempts`).set(learner.auth).expect(201)).body;

  describe('the pool course: lessons first, one question per module in every attempt', () => {
    it('answers 403 naming the lessons left before the quiz, then lets the learner in', async () => {
      const learner = await learnerIn('pool-course');
      const refused = await api().post('/api/v1/courses/pool-course/quizzes/final-quiz/attempts').set(learner.auth).expect(403);
      expect(refused.body.lessonsLeft).toEqual([{ slug: 'lesson-c', title: 'Lesson c' }]);
      expect(refused.body.message).toMatch(/lesson-c/);
      await new LearnerPath(t, learner).completeAllLessons('pool-course');
      await start(learner, 'pool-course', 'final-quiz');
    });

    it('draws one question of each module in every attempt, says 3 questions per attempt, and lists the whole pool to trainers', async () => {
      const course = await api().get('/api/v1/courses/pool-course').expect(200);
      expect(course.body.modules[2].quiz).toMatchObject({ slug: 'final-quiz', questionCount: 3 });
      const key = (await api().get('/api/v1/author/courses/pool-course/quizzes/final-quiz').set(admin.auth).expect(200)).body;
      expect(key.questions).toHaveLength(9);
      const moduleOf = new Map<string, string>(key.questions.map((q: { id: string; module: string }) => [q.id, q.module]));
      const learner = await learnerIn('pool-course');
      await new LearnerPath(t, learner).completeAllLessons('pool-course');
      const seen = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const attempt = await start(learner, 'pool-course', 'final-quiz');
        expect(attempt.questions.map((q) => moduleOf.get(q.id)).sort()).toEqual(['part-a', 'part-b', 'part-c']);
        attempt.questions.forEach((q) => seen.add(q.id));
        const graded = await api().post(`/api/v1/attempts/${attempt.attemptId}/submission`).set(learner.auth).send({ answers: [] }).expect(200);
        expect(graded.body.results).toHaveLength(3);
      }
      expect(seen.size).toBeGreaterThan(3);
      // Item statistics stay per question: each drawn question was counted once per attempt that showed it.
      const [{ answered }] = await t.db.query(`SELECT sum(answered)::int AS answered FROM question_score_tallies t JOIN quiz_questions q ON q.id = t.question_id WHERE q.key LIKE 'q-%'`);
      expect(answered).toBe(24);
    });
  });

  describe('the oracle attack', () => {
    it('learns nothing from throw-away accounts before a pass: no per-question result, and ids that mean nothing in another attempt', async () => {
      const ids = new Set<string>();
      const seenResults: object[] = [];
      for (let account = 0; account < 4; account++) {
        const learner = await learnerIn('pool-course');
        await new LearnerPath(t, learner).completeAllLessons('pool-course');
        for (let n = 0; n < 2; n++) {
          const attempt = await start(learner, 'pool-course', 'final-quiz');
          for (const q of attempt.questions) for (const o of q.options) {
            expect(ids.has(o.id)).toBe(false);
            ids.add(o.id);
          }
          // Each account tries one answer pattern: all "True" but one question "False".
          const answers = attempt.questions.map((q, i) => ({ questionId: q.id, optionIds: [q.options.find((o) => (i === n ? o.text === 'False' : o.text === 'True'))!.id] }));
          const res = await api().post(`/api/v1/attempts/${attempt.attemptId}/submission`).set(learner.auth).send({ answers }).expect(200);
          expect(res.body).toMatchObject({ passed: false, review: 'score' });
          seenResults.push(...res.body.results);
        }
      }
      expect(seenResults.every((r) => Object.keys(r).join() === 'questionId')).toBe(true);
      // A fresh account cannot use an id collected elsewhere, and sees none of them.
      const fresh = await learnerIn('pool-course');
      await new LearnerPath(t, fresh).completeAllLessons('pool-course');
      const attempt = await start(fresh, 'pool-course', 'final-quiz');
      expect(attempt.questions.flatMap((q) => q.options).some((o) => ids.has(o.id))).toBe(false);
      const refused = await api().post(`/api/v1/attempts/${attempt.attemptId}/submission`).set(fresh.auth).send({ answers: [{ questionId: attempt.questions[0]!.id, optionIds: [[...ids][0]!] }] }).expect(400);
      expect(refused.body.message).toMatch(/answers\.0\.optionIds/);
    });
  });

  describe('the new question types, graded as Moodle grades them', () => {
    let learner: SignedInUser;
    beforeAll(async () => {
      learner = await learnerIn('types-course');
    });
    const byType = (a: Shown, type: string) => a.questions.find((q) => q.type === type)!;
    const opt = (q: Shown['questions'][number], text: string) => q.options.find((o) => o.text === text)!.id;
    const stem = (q: Shown['questions'][number], text: string) => q.stems!.find((s) => s.text === text)!.id;

    it('gives partial and negative credit, floored at zero, and the first matching accepted answer', async () => {
      const a = await start(learner, 'types-course', 'types-quiz');
      const m = byType(a, 'matching');
      expect(m.stems).toHaveLength(4);
      expect(m.options.map((o) => o.text).sort()).toEqual(['Article 4', 'Article 5', 'Article 6', 'Article 8']);
      const multiple = byType(a, 'multiple');
      const single = byType(a, 'single');
      const answers = [
        { questionId: m.id, pairs: [{ stemId: stem(m, 'Salduz v. Turkey'), optionId: opt(m, 'Article 6') }, { stemId: stem(m, 'Rantsev v. Cyprus and Russia'), optionId: opt(m, 'Article 8') }, { stemId: stem(m, 'Ibrahim and Others v. the United Kingdom'), optionId: opt(m, 'Article 6') }] },
        { questionId: byType(a, 'short_answer').id, text: '  STRASBOURG ' },
        { questionId: byType(a, 'numerical').id, value: 1951.5 },
        { questionId: multiple.id, optionIds: [opt(multiple, 'A public hearing'), opt(multiple, 'Legal assistance'), opt(multiple, 'Liberty')] },
        { questionId: single.id, optionIds: [opt(single, 'Within a week')] },
      ];
      const res = await api().post(`/api/v1/attempts/${a.attemptId}/submission`).set(learner.auth).send({ answers }).expect(200);
      const fraction = (id: string) => res.body.results.find((r: { questionId: string }) => r.questionId === id).fraction;
      expect(fraction(m.id)).toBe(0.5);
      expect(fraction(byType(a, 'short_answer').id)).toBe(1);
      expect(fraction(byType(a, 'numerical').id)).toBe(0.5);
      expect(fraction(multiple.id)).toBe(0.5);
      expect(fraction(single.id)).toBe(0.5);
      expect(res.body.score).toBe(60);
    });

    it('floors a weighted multiple-answer question at zero, takes Russian and wildcard answers, and refuses a wrong-shaped answer', async () => {
      const a = await start(learner, 'types-course', 'types-quiz');
      const multiple = byType(a, 'multiple');
      const answers = [
        { questionId: multiple.id, optionIds: [opt(multiple, 'A public hearing'), opt(multiple, 'Marriage')] },
        { questionId: byType(a, 'short_answer').id, text: 'Strasbur' },
        { questionId: byType(a, 'numerical').id, value: 1950 },
      ];
      const bad = await api().post(`/api/v1/attempts/${a.attemptId}/submission`).set(learner.auth).send({ answers: [{ questionId: byType(a, 'numerical').id, text: '1950' }] }).expect(400);
      expect(bad.body.message).toMatch(/answers\.0\.text/);
      const res = await api().post(`/api/v1/attempts/${a.attemptId}/submission`).set(learner.auth).send({ answers }).expect(200);
      const fraction = (id: string) => res.body.results.find((r: { questionId: string }) => r.questionId === id).fraction;
      expect(fraction(multiple.id)).toBe(0);
      expect(fraction(byType(a, 'short_answer').id)).toBe(0.5);
      expect(fraction(byType(a, 'numerical').id)).toBe(1);
      const b = await start(learner, 'types-course', 'types-quiz');
      const ru = await api().post(`/api/v1/attempts/${b.attemptId}/submission`).set(learner.auth).send({ answers: [{ questionId: byType(b, 'short_answer').id, text: 'страсбург' }] }).expect(200);
      expect(ru.body.results.find((r: { questionId: string }) => r.questionId === byType(b, 'short_answer').id)).toMatchObject({ correct: true, fraction: 1 });
    });

    it('lists weights and accepted answers in the answer key', async () => {
      const key = (await api().get('/api/v1/author/courses/types-course/quizzes/types-quiz').set(admin.auth).expect(200)).body;
      const q = (id: string) => key.questions.find((x: { key: string }) => x.key === id);
      expect(q('weighted').options.map((o: { fraction: number }) => o.fraction)).toEqual([0.5, 0.5, -1, -0.5]);
      expect(q('convention-year').answers).toEqual([{ value: 1950, fraction: 1 }, { value: 1950, tolerance: 2, fraction: 0.5 }]);
      expect(q('court-seat').answers[3]).toEqual({ text: 'Strasb*', fraction: 0.5 });
      expect(q('articles').stems).toHaveLength(4);
    });
  });

  describe('under time pressure', () => {
    it('keeps saved answers across a reload and grades them at the time limit without the learner coming back', async () => {
      const learner = await learnerIn('types-course');
      const a = await start(learner, 'types-course', 'types-quiz');
      const numerical = a.questions.find((q) => q.type === 'numerical')!;
      const short = a.questions.find((q) => q.type === 'short_answer')!;
      const saved = [{ questionId: numerical.id, value: 1950 }, { questionId: short.id, text: 'Strasbourg' }];
      await api().put(`/api/v1/attempts/${a.attemptId}/answers`).set(learner.auth).send({ answers: saved }).expect(200);
      const resumed = await start(learner, 'types-course', 'types-quiz');
      expect(resumed.attemptId).toBe(a.attemptId);
      expect((resumed as unknown as { saved: unknown }).saved).toEqual(saved);
      await t.db.query(`UPDATE quiz_attempts SET expires_at = now() - interval '1 second' WHERE id = $1`, [a.attemptId]);
      await api().put(`/api/v1/attempts/${a.attemptId}/answers`).set(learner.auth).send({ answers: saved }).expect(409);
      expect(await t.app.get(AttemptDeadlines).sweep()).toBeGreaterThanOrEqual(1);
      const [row] = await t.db.query(`SELECT submitted_at = expires_at AS at_limit, submitted_by, score FROM quiz_attempts WHERE id = $1`, [a.attemptId]);
      expect(row).toEqual({ at_limit: true, submitted_by: 'timer', score: 40 });
      const late = await api().post(`/api/v1/attempts/${a.attemptId}/submission`).set(learner.auth).send({ answers: [] }).expect(409);
      expect(late.body.message).toMatch(/already submitted/);
      const result = await api().get(`/api/v1/attempts/${a.attemptId}`).set(learner.auth).expect(200);
      expect(result.body).toMatchObject({ score: 40, submittedBy: 'timer' });
    });

    it('lets a trainer grant more time or another attempt, with a reason that the audit log keeps', async () => {
      const trainer = await loginAs(t, 'trainer');
      const learner = await learnerIn('types-course');
      const a = await start(learner, 'types-course', 'types-quiz');
      const before = new Date((a as unknown as { expiresAt: string }).expiresAt).getTime();
      const url = '/api/v1/author/courses/types-course/quizzes/types-quiz/grants';
      await api().post(url).set(learner.auth).send({ userId: learner.id, extraMinutes: 10, reason: 'Power cut' }).expect(403);
      const noReason = await api().post(url).set(trainer.auth).send({ userId: learner.id, extraMinutes: 10 }).expect(400);
      expect(JSON.stringify(noReason.body.message)).toMatch(/reason/);
      await api().post(url).set(trainer.auth).send({ userId: learner.id, reason: 'Nothing' }).expect(400);
      const more = await api().post(url).set(trainer.auth).send({ userId: learner.id, extraMinutes: 10, reason: 'Power cut in Ganja' }).expect(201);
      expect(new Date(more.body.expiresAt).getTime() - before).toBe(10 * 60 * 1000);
      await api().post(`/api/v1/attempts/${a.attemptId}/submission`).set(learner.auth).send({ answers: [] }).expect(200);
      const attempt = await api().post(url).set(trainer.auth).send({ userId: learner.id, extraAttempts: 2, reason: 'Accessibility needs' }).expect(201);
      expect(attempt.body).toMatchObject({ extraAttempts: 2, reason: 'Accessibility needs' });
      expect((await start(learner, 'types-course', 'types-quiz') as unknown as { attemptsLeft: number }).attemptsLeft).toBe(12 - 2);
      const [entry] = await t.db.query(`SELECT actor, details FROM audit_log WHERE action = 'quiz.grant' AND subject = $1`, [attempt.body.id]);
      expect(entry).toMatchObject({ actor: `user:${trainer.id}`, details: expect.objectContaining({ reason: 'Accessibility needs' }) });
    });

    it('saves from the page without script, and asks before submitting with unanswered questions', async () => {
      const learner = await learnerIn('types-course');
      const a = await start(learner, 'types-course', 'types-quiz');
      const cookie = `themis_session=${learner.token}`;
      const page = await api().get('/courses/types-course/quizzes/types-quiz').set('Cookie', cookie).expect(200);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
      const post = (url: string, form: Record<string, string>) => api().post(url).set('Cookie', `${cookie}; ${csrf}`).type('form').redirects(0).send({ ...form, _csrf: token });
      const short = a.questions.find((q) => q.type === 'short_answer')!;
      const saved = await post(`/attempts/${a.attemptId}/answers`, { [short.id]: 'Strasbourg' }).expect(303);
      expect(saved.headers['location']).toBe('/courses/types-course/quizzes/types-quiz?saved=1');
      const again = await api().get(saved.headers['location']).set('Cookie', cookie).expect(200);
      expect(again.text).toContain('value="Strasbourg"');
      const asked = await post(`/attempts/${a.attemptId}/submission`, { [short.id]: 'Strasbourg' }).expect(303);
      expect(asked.headers['location']).toBe('/courses/types-course/quizzes/types-quiz?unanswered=4');
      const warned = await api().get(asked.headers['location']).set('Cookie', cookie).expect(200);
      expect(warned.text).toContain('id="unanswered"');
      const done = await post(`/attempts/${a.attemptId}/submission`, { [short.id]: 'Strasbourg', confirm: 'unanswered' }).expect(303);
      expect(done.headers['location']).toBe(`/attempts/${a.attemptId}`);
    });
  });
});

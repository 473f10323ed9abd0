import request from 'supertest';
import { SignedInUser, TestApp } from './test-app';

/** Drives the learner path through the HTTP API, as a client would. */
export class LearnerPath {
  constructor(private readonly t: TestApp, readonly user: SignedInUser) {}

  async enroll(course: string): Promise<void> {
    await request(this.t.url).post(`/api/v1/courses/${course}/enrollment`).set(this.user.auth).expect((r) => expect([200, 201]).toContain(r.status));
  }

  /** Moves the learner's study clock an hour back: the open lesson has been read for its minimum time (courses ask 120 s). */
  async studied(): Promise<void> {
    await this.t.db.query(`UPDATE study_clocks SET since = since - interval '1 hour' WHERE user_id = $1`, [this.user.id]);
  }

  async completeAllLessons(course: string, except: string[] = []): Promise<void> {
    const detail = await request(this.t.url).get(`/api/v1/courses/${course}`).set(this.user.auth).expect(200);
    for (const m of detail.body.modules) {
      for (const l of m.lessons) {
        if (except.includes(l.slug)) continue;
        await request(this.t.url).get(`/api/v1/courses/${course}/lessons/${l.slug}`).set(this.user.auth).expect(200);
        await this.studied();
        await request(this.t.url).post(`/api/v1/courses/${course}/lessons/${l.slug}/completion`).set(this.user.auth).expect(200);
      }
    }
  }

  /**
   * Starts an attempt and answers it from the answer key (read as an admin), right or wrong. Option
   * ids are drawn per attempt, so the key's options are found in the attempt by their text.
   */
  async answerQuiz(course: string, quiz: string, keyReader: SignedInUser, right: boolean): Promise<{ attemptId: string; answers: { questionId: string; optionIds: string[] }[] }> {
    const key = await request(this.t.url).get(`/api/v1/author/courses/${course}/quizzes/${quiz}`).set(keyReader.auth).expect(200);
    // In the key's (source) language, whatever the enrolment reads: the key's texts find this attempt's ids.
    const attempt = await request(this.t.url).post(`/api/v1/courses/${course}/quizzes/${quiz}/attempts?lang=en`).set(this.user.auth).expect(201);
    return { attemptId: attempt.body.attemptId, answers: answersFromKey(key.body, attempt.body, right) };
  }

  async passQuiz(course: string, quiz: string, keyReader: SignedInUser): Promise<request.Response> {
    const { attemptId, answers } = await this.answerQuiz(course, quiz, keyReader, true);
    return request(this.t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(this.user.auth).send({ answers }).expect(200);
  }
}

type KeyQuestion = { id: string; options: { text: string; correct: boolean }[] };
type ShownQuestion = { id: string; options: { id: string; text: string }[] };

/**
 * Right (or wrong: one wrong option) answers to an attempt's choice questions, from the answer key,
 * matched by option text; `right` may say it per question id.
 */
export function answersFromKey(key: { questions: KeyQuestion[] } | KeyQuestion[], attempt: { questions: ShownQuestion[] }, rightFor: boolean | ((questionId: string) => boolean)): { questionId: string; optionIds: string[] }[] {
  const questions = Array.isArray(key) ? key : key.questions;
  return attempt.questions.map((shown) => {
    const q = questions.find((k) => k.id === shown.id)!;
    const right = typeof rightFor === 'function' ? rightFor(shown.id) : rightFor;
    const texts = q.options.filter((o) => o.correct === right).slice(0, right ? undefined : 1).map((o) => o.text);
    return { questionId: shown.id, optionIds: shown.options.filter((o) => texts.includes(o.text)).map((o) => o.id) };
  });
}

/** A supertest parser that keeps the body as bytes (PDFs, zips): `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

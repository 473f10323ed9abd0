import { AnswerKeyService, AttemptService } from '@themis/assessment';
import { LearningService, ProgressService } from '@themis/learning';
import { answersFromKey, MediumModule } from '@themis/testing';

/** Enrols and reads every lesson of a course through the services, as the learner path does over HTTP. */
export async function enrolAndStudy(m: MediumModule, userId: string, course: string): Promise<void> {
  await m.get(LearningService).enroll(userId, course);
  const detail = await m.get(LearningService).courseFor(userId, course);
  for (const lesson of detail.modules.flatMap((mod) => mod.lessons)) {
    await m.get(LearningService).lesson(userId, course, lesson.slug);
    // The lesson has been open for its minimum study time.
    await m.db.query(`UPDATE study_clocks SET since = since - interval '1 hour' WHERE user_id = $1`, [userId]);
    await m.get(ProgressService).completeLesson(userId, course, lesson.slug);
  }
}

/** Starts an attempt and answers it from the answer key: right where `right(type)` says so for the question's type. */
export async function answerAttempt(m: MediumModule, userId: string, course: string, quiz: string, right: (type: string) => boolean) {
  const key = await m.get(AnswerKeyService).forCurrentVersion(course, quiz);
  const attempt = await m.get(AttemptService).start(userId, course, quiz, 'en');
  const typeOf = new Map(key.questions.map((q) => [q.id, q.type]));
  return { attemptId: attempt.attemptId, answers: answersFromKey(key as never, attempt as never, (id) => right(typeOf.get(id)!)), typeOf };
}

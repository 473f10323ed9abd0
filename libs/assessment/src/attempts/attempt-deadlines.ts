import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobQueue } from '@themis/jobs';
import { AttemptRepository } from './attempt.repository';
import { SubmissionService } from './submission.service';

/** The queue of attempts to grade at their time limit (one job per attempt and deadline). */
export const ATTEMPT_DEADLINE_QUEUE = 'attempt-deadline';
/** A backstop sweep for attempts whose job is missing (started before the jobs existed, or failed for good). */
export const ATTEMPT_DEADLINE_SWEEP_QUEUE = 'attempt-deadline-sweep';
const SWEEP_CRON = '*/10 * * * *';

export interface AttemptDeadlineJob {
  attemptId: string;
  userId: string;
}

/**
 * Grades an attempt at its time limit with the answers saved by then (contract: Quizzes), so a pass
 * counts without the learner coming back. The job is a row of pg-boss's table, written in the
 * transaction that starts the attempt (or grants it more time), so it survives a restart and runs
 * in whichever process fetches it. Grading is once however often it runs or races the learner's
 * submission: the enrolment row lock and the conditional UPDATE in AttemptRepository.submit let
 * one grading through. Every read of an attempt or quiz also grades what is overdue (the fallback).
 */
@Injectable()
export class AttemptDeadlines implements OnModuleInit {
  private readonly logger = new Logger('AttemptDeadlines');

  constructor(
    private readonly jobs: JobQueue,
    private readonly attempts: AttemptRepository,
    private readonly submissions: SubmissionService,
  ) {}

  onModuleInit(): void {
    this.jobs.work<AttemptDeadlineJob>(ATTEMPT_DEADLINE_QUEUE, (job) => this.run(job));
    this.jobs.work(ATTEMPT_DEADLINE_SWEEP_QUEUE, async () => void (await this.sweep()), { concurrency: 1 });
    this.jobs.schedule(ATTEMPT_DEADLINE_SWEEP_QUEUE, SWEEP_CRON);
  }

  /**
   * Schedules the grading at `expiresAt`, in `manager`'s transaction: the job exists exactly when the
   * attempt (or its new deadline) does. Keyed by attempt and deadline, so a repeat adds nothing.
   */
  async schedule(manager: EntityManager, attempt: { id: string; userId: string; expiresAt: Date | null }): Promise<void> {
    if (!attempt.expiresAt) return;
    const expiresAt = new Date(attempt.expiresAt);
    const data: AttemptDeadlineJob = { attemptId: attempt.id, userId: attempt.userId };
    // Grading is cheap and idempotent: retry quickly if the database was briefly away.
    await this.jobs.send(ATTEMPT_DEADLINE_QUEUE, data, { key: `${attempt.id}:${expiresAt.toISOString()}`, startAfter: expiresAt, retryLimit: 10, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120 }, manager);
  }

  /** The job: grades the attempt if it is still open and past its limit; one given more time meanwhile has its own job. */
  async run(job: AttemptDeadlineJob): Promise<void> {
    await this.submissions.gradeExpired(job.userId, job.attemptId);
    const after = await this.attempts.find(job.userId, job.attemptId);
    // Still open at (or a hair before) its limit: this process's clock is behind the database's; fail, so it is retried.
    if (after && !after.submittedAt && after.expiresAt && after.expiresAt.getTime() <= Date.now() + 1000) throw new Error(`attempt ${job.attemptId} not yet graded at its limit`);
  }

  /** Grades up to 100 overdue open attempts (the backstop); returns how many it looked at. */
  async sweep(): Promise<number> {
    const due = await this.attempts.expiredOpen(100);
    for (const a of due) {
      await this.submissions.gradeExpired(a.userId, a.id).catch((e: unknown) => this.logger.warn(`grading attempt ${a.id} at its limit failed: ${(e as Error).message}`));
    }
    return due.length;
  }
}

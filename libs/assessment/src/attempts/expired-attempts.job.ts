import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AttemptRepository } from './attempt.repository';
import { SubmissionService } from './submission.service';

/** How often the job looks for attempts past their time limit. */
export const EXPIRED_SWEEP_MS = 15_000;

/**
 * Grades attempts at their time limit with the answers saved by then (contract: Quizzes), so a
 * pass counts without the learner coming back. It runs in every server process; the grading's
 * conditional UPDATE lets one of them through per attempt. Until the shared job queue
 * (libs/jobs, pg-boss) lands this is a timer in the process; every read of an attempt or quiz
 * also grades what is overdue, so nothing waits for the timer to be seen as graded.
 */
@Injectable()
export class ExpiredAttemptsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiredAttempts');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly attempts: AttemptRepository,
    private readonly submissions: SubmissionService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((e: unknown) => this.logger.warn(`sweep failed: ${(e as Error).message}`)), EXPIRED_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Grades up to 100 overdue attempts; returns how many it looked at. */
  sweep(): Promise<number> {
    this.running ??= (async () => {
      try {
        const due = await this.attempts.expiredOpen(100);
        for (const a of due) await this.submissions.gradeExpired(a.userId, a.id);
        return due.length;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}

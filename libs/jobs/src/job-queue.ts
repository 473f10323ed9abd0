import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { jobIdFor } from './job-id';
import { poolDb, transactionDb } from './pg-boss-db';

export interface SendOptions {
  /**
   * Idempotency: a second send with the same key to the same queue is dropped while the first job is
   * queued, running, or finished less than 12 hours ago (then pg-boss archives it). For "once, ever",
   * keep a row of your own, as libs/mail does.
   */
  key?: string;
  /** Not before this time (a Date, or seconds from now). */
  startAfter?: Date | number;
  /** Attempts after the first when the handler throws (default 2). */
  retryLimit?: number;
  /** Seconds before the first retry (default 0). */
  retryDelaySeconds?: number;
  /** Double the delay on each retry, with jitter (default false). */
  retryBackoff?: boolean;
  /** An active job not finished by then (its process died) is failed and retried (default 15 minutes). */
  expireInSeconds?: number;
}

export interface WorkOptions {
  /** Jobs of this queue that one process runs at once (default WORKER_CONCURRENCY). */
  concurrency?: number;
}

export interface JobInfo {
  id: string;
  name: string;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

interface Registration {
  handler: JobHandler<never>;
  concurrency: number;
}

// Short enough for a test or an operator to see a job run within a second or two of its commit.
const POLLING_INTERVAL_SECONDS = 1;

/**
 * Background work on PostgreSQL (pg-boss 10; its tables come from a migration, so it starts
 * with `migrate: false`). Libs register handlers with `work()` while their modules initialise;
 * the queue starts when the application has bootstrapped and stops, letting running jobs finish,
 * before the database connection closes. A job whose process dies is retried once it expires.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private readonly workers = new Map<string, Registration>();
  private readonly schedules = new Map<string, { cron: string; data: object }>();
  private readonly queues = new Map<string, Promise<void>>();
  private starting?: Promise<void>;
  private running = false;
  private stopping = false;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.boss = new PgBoss({
      db: poolDb(dataSource),
      migrate: false,
      schedule: true,
      supervise: true,
      // Expired jobs (their worker was killed) are failed, then retried, at most this long after expiry.
      maintenanceIntervalSeconds: 30,
      pollingIntervalSeconds: POLLING_INTERVAL_SECONDS,
    });
    this.boss.on('error', (err: Error) => this.logger.error(`job queue: ${err.message}`));
  }

  /** Adds a job to `queue`; inside `manager`'s transaction when given. Answers the job id, or null when `key` was sent before. */
  async send(queue: string, data: object, options: SendOptions = {}, manager?: EntityManager): Promise<string | null> {
    await this.ready();
    await this.ensureQueue(queue);
    const startAfter = typeof options.startAfter === 'number' ? new Date(Date.now() + options.startAfter * 1000) : options.startAfter;
    return this.boss.send(queue, data, {
      ...(options.key !== undefined ? { id: jobIdFor(queue, options.key) } : {}),
      ...(startAfter ? { startAfter } : {}),
      ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
      ...(options.retryDelaySeconds !== undefined ? { retryDelay: options.retryDelaySeconds } : {}),
      ...(options.retryBackoff !== undefined ? { retryBackoff: options.retryBackoff } : {}),
      ...(options.expireInSeconds !== undefined ? { expireInSeconds: options.expireInSeconds } : {}),
      ...(manager ? { db: transactionDb(manager) } : {}),
    });
  }

  /** Runs `handler` for every job of `queue`; a throw fails the job, which is retried as it was sent. One handler per queue. */
  work<T>(queue: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    if (this.workers.has(queue)) throw new Error(`a handler for queue ${queue} is already registered`);
    const registration = { handler: handler as JobHandler<never>, concurrency: options.concurrency ?? this.config.workerConcurrency };
    this.workers.set(queue, registration);
    if (this.running) this.startWorker(queue, registration).catch((err: Error) => this.logger.error(`job queue ${queue}: ${err.message}`));
  }

  /** Sends `data` to `queue` on a cron schedule (UTC), once per tick across all processes. */
  schedule(queue: string, cron: string, data: object = {}): void {
    this.schedules.set(queue, { cron, data });
    if (this.running) this.startSchedule(queue, cron, data).catch((err: Error) => this.logger.error(`job schedule ${queue}: ${err.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
    this.running = true;
    for (const [queue, registration] of this.workers) await this.startWorker(queue, registration);
    for (const [queue, { cron, data }] of this.schedules) await this.startSchedule(queue, cron, data);
  }

  /** Before TypeORM closes the pool: stop fetching, let running jobs finish (10 s at most), then stop. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.starting || this.stopping) return;
    this.stopping = true;
    this.running = false;
    await this.starting.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }

  private ready(): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('the job queue is stopping'));
    this.starting ??= this.boss.start().then(() => undefined);
    return this.starting;
  }

  private ensureQueue(queue: string): Promise<void> {
    let created = this.queues.get(queue);
    if (!created) {
      // pg-boss 10 keeps each queue in a partition of pgboss.job, made by its create_queue() (installed by the migration).
      created = this.boss.createQueue(queue).catch((err: unknown) => {
        this.queues.delete(queue);
        throw err;
      });
      this.queues.set(queue, created);
    }
    return created;
  }

  private async startWorker(queue: string, { handler, concurrency }: Registration): Promise<void> {
    await this.ensureQueue(queue);
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<never>(queue, { batchSize: 1, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async ([job]) => {
        if (job) await handler(job.data, { id: job.id, name: job.name });
      });
    }
  }

  private async startSchedule(queue: string, cron: string, data: object): Promise<void> {
    await this.ensureQueue(queue);
    await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }
}

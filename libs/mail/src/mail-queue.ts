import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Locale } from '@themis/core';
import { inTransaction } from '@themis/database';
import { JobQueue } from '@themis/jobs';
import { MailEventRepository } from './mail-event.repository';
import { MailRequest, MailTemplate, MailValues } from './mail-templates';
import { messageIdFor } from './message-id';

export const MAIL_QUEUE = 'mail';

/** A job of the mail queue: everything delivery needs, fixed at enqueue time. */
export interface MailJob {
  eventKey: string;
  messageId: string;
  to: string;
  locale: Locale;
  template: MailTemplate;
  values: MailValues;
  queuedAt: string;
}

/**
 * Retries with back-off (2 s, 4 s, 8 s, … with jitter; twelve retries span about three hours). A job
 * still active a minute after it started belonged to a process that died: it is retried.
 */
const DELIVERY = { retryLimit: 12, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 60 };

@Injectable()
export class MailQueue {
  constructor(
    private readonly jobs: JobQueue,
    private readonly events: MailEventRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues one message for an event, in `manager`'s transaction when given (the message leaves
   * exactly when the caller's work commits). Answers false, and queues nothing, when the event key
   * was enqueued before: one event, one message, for good.
   */
  async enqueue(request: MailRequest, manager?: EntityManager): Promise<boolean> {
    const job = this.jobOf(request);
    const run = async (m: EntityManager) => {
      const queuedAt = await this.events.insertIfNew(m, { eventKey: job.eventKey, messageId: job.messageId, template: job.template });
      if (!queuedAt) return false;
      await this.jobs.send(MAIL_QUEUE, { ...job, queuedAt: new Date(queuedAt).toISOString() }, { key: job.eventKey, ...DELIVERY }, m);
      return true;
    };
    return manager ? run(manager) : inTransaction(this.dataSource, run);
  }

  /** An absolute URL under PUBLIC_URL for a path such as `/certificates/ABC`. */
  url(path: string): string {
    if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`a mail link is a path under PUBLIC_URL, not ${path}`);
    return `${this.config.publicUrl}${path}`;
  }

  private jobOf(request: MailRequest): Omit<MailJob, 'queuedAt'> {
    if (!request.eventKey || request.eventKey.length > 200) throw new Error('a mail event key has 1 to 200 characters');
    if (!/^[^\s@]+@[^\s@]+$/.test(request.to)) throw new Error('a mail recipient is one address');
    const links = Object.fromEntries(Object.entries((request.links ?? {}) as Record<string, string>).map(([name, path]) => [name, this.url(path)]));
    return {
      eventKey: request.eventKey,
      messageId: messageIdFor(request.eventKey, this.config.publicUrl),
      to: request.to,
      locale: request.locale,
      template: request.template,
      values: { ...(Object.fromEntries(Object.entries(request.params).filter(([, v]) => v !== undefined)) as MailValues), ...links },
    };
  }
}

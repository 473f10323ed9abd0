import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '@themis/jobs';
import { MailEventRepository } from './mail-event.repository';
import { MAIL_QUEUE, MailJob } from './mail-queue';
import { MailRenderer } from './mail-templates';
import { MailTransport } from './mail-transport';

/**
 * The mail queue's worker: renders the message in the recipient's language and hands it to the
 * transport. A throw (the SMTP server refused, was down) fails the job and pg-boss retries it.
 * A kill after the server accepted but before the job completed sends it again, same Message-ID.
 */
@Injectable()
export class MailDelivery implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly events: MailEventRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.work<MailJob>(MAIL_QUEUE, (job) => this.deliver(job));
  }

  async deliver(job: MailJob): Promise<void> {
    const rendered = await this.renderer.render(job.template, job.locale, job.values);
    await this.transport.send({ eventKey: job.eventKey, messageId: job.messageId, queuedAt: job.queuedAt, to: job.to, ...rendered });
    await this.events.markSent(job.eventKey);
  }
}

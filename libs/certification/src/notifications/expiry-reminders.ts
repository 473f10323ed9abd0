import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '@themis/database';
import { JobQueue } from '@themis/jobs';
import { MailQueue } from '@themis/mail';
import { daysLeft, dueReminder, settledBy } from './expiry-reminders.rules';
import { NotificationRepository, ReminderCandidate } from './notification.repository';
import { verifyPath } from '../codes/verify-url';

export const EXPIRY_REMINDERS_QUEUE = 'certificate-expiry-reminders';
const BATCH = 200;

/**
 * Hourly (a pg-boss schedule, one run per tick across processes): a reminder 60 and 7 days before
 * a certificate expires, to holders who have not switched them off. Each is claimed in
 * certificate_reminders in the transaction that queues its mail, so it goes once, whatever restarts.
 */
@Injectable()
export class ExpiryReminders implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly mail: MailQueue,
    private readonly reminders: NotificationRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.work(EXPIRY_REMINDERS_QUEUE, () => this.run().then(() => undefined), { concurrency: 1 });
    this.jobs.schedule(EXPIRY_REMINDERS_QUEUE, '17 * * * *');
  }

  /** Whether `userId` gets expiry reminders (switched on and off on /profile). */
  remindersOn(userId: string): Promise<boolean> {
    return this.reminders.remindersOn(userId);
  }

  setReminders(userId: string, on: boolean): Promise<void> {
    return this.reminders.setReminders(userId, on);
  }

  /** Queues every reminder due at `now`; answers how many. */
  async run(now = new Date()): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.reminders.dueReminders(now, BATCH);
      let queued = 0;
      for (const c of batch) if (dueReminder(new Date(c.expiresAt), now) === c.threshold && (await this.remind(c, now))) queued++;
      sent += queued;
      if (batch.length < BATCH || queued === 0) return sent;
    }
  }

  private remind(c: ReminderCandidate, now: Date): Promise<boolean> {
    const expiresAt = new Date(c.expiresAt);
    return inTransaction(this.db, async (manager) => {
      if (!(await this.reminders.claim(manager, c.certificateId, c.threshold, settledBy(c.threshold)))) return false;
      const expiresOn = new Intl.DateTimeFormat(c.locale, { dateStyle: 'long', timeZone: 'Asia/Baku' }).format(expiresAt);
      return this.mail.enqueue(
        {
          eventKey: `certificate-expiring:${c.threshold}:${c.certificateId}`,
          to: c.email,
          locale: c.locale,
          template: 'certificate-expiring',
          params: { name: c.fullName, courseTitle: c.courseTitle, code: c.code, days: daysLeft(expiresAt, now), expiresOn },
          links: { link: verifyPath(c.code), profile: '/profile' },
        },
        manager,
      );
    });
  }
}

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { outboxFileName } from './message-id';

export interface OutgoingMail {
  eventKey: string;
  messageId: string;
  queuedAt: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * SMTP_URL set: the message goes to that server (nodemailer). Unset: nodemailer builds the same
 * raw message and it is written to DATA_DIR/outbox/ — atomically (a temporary file renamed), one
 * file per event, so a retry replaces the file instead of adding a second.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly smtp?: Transporter;
  private readonly builder: Transporter;
  readonly outboxDir: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Well inside the mail job's 60 s expiry: a send still running when its job expires would be retried alongside.
    this.smtp = config.mail.smtpUrl ? nodemailer.createTransport({ url: config.mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) : undefined;
    this.builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
    this.outboxDir = path.join(config.dataDir, 'outbox');
  }

  get mode(): 'smtp' | 'outbox' {
    return this.smtp ? 'smtp' : 'outbox';
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message = {
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      // Fixed at enqueue time: a retried delivery is the same message, headers and all.
      date: new Date(mail.queuedAt),
      headers: { 'Auto-Submitted': 'auto-generated' },
    };
    if (this.smtp) {
      await this.smtp.sendMail(message);
      return;
    }
    const built = (await this.builder.sendMail(message)) as { message: Buffer };
    await fs.mkdir(this.outboxDir, { recursive: true });
    const file = path.join(this.outboxDir, outboxFileName(mail.eventKey, mail.queuedAt));
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, built.message);
    await fs.rename(temporary, file);
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}

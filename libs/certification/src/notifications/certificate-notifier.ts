import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MailQueue } from '@themis/mail';
import { NotificationRepository } from './notification.repository';
import { verifyPath } from '../codes/verify-url';

/**
 * Mails about a certificate, queued in the transaction that changes it: the message exists exactly
 * when the issue or revocation commits. The event key is the certificate, so each is told once.
 */
@Injectable()
export class CertificateNotifier {
  constructor(private readonly mail: MailQueue, private readonly recipients: NotificationRepository) {}

  async issued(manager: EntityManager, code: string): Promise<void> {
    const r = await this.recipients.recipient(manager, code);
    if (!r) return;
    await this.mail.enqueue(
      { eventKey: `certificate-issued:${r.certificateId}`, to: r.email, locale: r.locale, template: 'certificate-issued', params: { name: r.fullName, courseTitle: r.courseTitle, code: r.code }, links: { link: verifyPath(r.code) } },
      manager,
    );
  }

  async revoked(manager: EntityManager, code: string, reason: string): Promise<void> {
    const r = await this.recipients.recipient(manager, code);
    if (!r) return;
    await this.mail.enqueue(
      { eventKey: `certificate-revoked:${r.certificateId}`, to: r.email, locale: r.locale, template: 'certificate-revoked', params: { name: r.fullName, courseTitle: r.courseTitle, code: r.code, reason }, links: { link: verifyPath(r.code) } },
      manager,
    );
  }
}

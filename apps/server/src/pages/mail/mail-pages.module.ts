import { Module } from '@nestjs/common';
import { CertificationModule } from '@themis/certification';
import { OutboxPageController } from './outbox.page.controller';
import { RemindersPageController } from './reminders.page.controller';

/** The admins' view of DATA_DIR/outbox/, and the holder's reminder switch on /profile (WebModule's page middleware covers both: session, locale, CSRF). */
@Module({ imports: [CertificationModule], controllers: [OutboxPageController, RemindersPageController] })
export class MailPagesModule {}

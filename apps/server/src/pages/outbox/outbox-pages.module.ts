import { Module } from '@nestjs/common';
import { OutboxPageController } from './outbox.page.controller';

/** The admins' view of DATA_DIR/outbox/ (WebModule's page middleware covers it: session, locale, CSRF). */
@Module({ controllers: [OutboxPageController] })
export class OutboxPagesModule {}

import { Controller, Get, Param, Render, UseFilters } from '@nestjs/common';
import { notFound } from '@themis/core';
import { Permission, RequirePermission } from '@themis/identity';
import { MailOutbox } from '@themis/mail';
import { PageErrorFilter } from '../../web/page-error.filter';

/** Messages written instead of sent while SMTP_URL is unset: a list, and one message's text. */
@UseFilters(PageErrorFilter)
@Controller()
export class OutboxPageController {
  constructor(private readonly outbox: MailOutbox) {}

  @RequirePermission(Permission.ManageUsers)
  @Get('admin/outbox')
  @Render('pages/admin/outbox')
  async list(): Promise<object> {
    return { mode: this.outbox.mode, messages: await this.outbox.list() };
  }

  @RequirePermission(Permission.ManageUsers)
  @Get('admin/outbox/:file')
  @Render('pages/admin/outbox-message')
  async read(@Param('file') file: string): Promise<object> {
    const message = await this.outbox.read(file);
    if (!message) throw notFound('message');
    return { message };
  }
}

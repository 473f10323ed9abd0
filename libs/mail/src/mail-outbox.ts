import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import type { AddressObject } from 'mailparser';
import { OUTBOX_FILE } from './message-id';
import { MailTransport } from './mail-transport';

export interface OutboxEntry {
  file: string;
  messageId: string;
  to: string;
  subject: string;
  date: string;
}

export interface OutboxMessage extends OutboxEntry {
  text: string;
}

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));

/** The .eml files written while SMTP_URL is unset, newest first, for the admins' outbox page. */
@Injectable()
export class MailOutbox {
  constructor(private readonly transport: MailTransport) {}

  get mode(): 'smtp' | 'outbox' {
    return this.transport.mode;
  }

  async list(limit = 200): Promise<OutboxEntry[]> {
    const files = await fs.readdir(this.transport.outboxDir).catch(() => [] as string[]);
    const newest = files.filter((f) => OUTBOX_FILE.test(f)).sort().reverse().slice(0, limit);
    const entries = await Promise.all(newest.map((f) => this.read(f)));
    return entries.filter((e): e is OutboxMessage => e !== null).map(({ text: _text, ...entry }) => entry);
  }

  /** One message; null for a name that is not an outbox file (no path ever leaves the folder). */
  async read(file: string): Promise<OutboxMessage | null> {
    if (!OUTBOX_FILE.test(file)) return null;
    const raw = await fs.readFile(path.join(this.transport.outboxDir, file)).catch(() => null);
    if (!raw) return null;
    // Loaded when an admin first opens the outbox: a second of start-up saved on a busy machine.
    const { simpleParser } = await import('mailparser');
    const mail = await simpleParser(raw);
    return { file, messageId: mail.messageId ?? '', to: addresses(mail.to), subject: mail.subject ?? '', date: mail.date?.toISOString() ?? '', text: mail.text ?? '' };
  }
}

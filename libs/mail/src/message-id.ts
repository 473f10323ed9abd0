import { createHash } from 'node:crypto';

/**
 * The Message-ID of an event's message (RFC 5322 §3.6.4): derived from the event key alone, so a
 * retried delivery carries the same id and a receiver (or a test) can tell a repeat.
 */
export function messageIdFor(eventKey: string, publicUrl: string): string {
  const hash = createHash('sha256').update(eventKey).digest('hex').slice(0, 32);
  return `<${hash}@${new URL(publicUrl).hostname}>`;
}

/** The outbox file of a message: sortable by queue time, one file per event (a retry overwrites it). */
export function outboxFileName(eventKey: string, queuedAt: string): string {
  const stamp = queuedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${createHash('sha256').update(eventKey).digest('hex').slice(0, 16)}.eml`;
}

export const OUTBOX_FILE = /^\d{8}T\d{6}Z-[0-9a-f]{16}\.eml$/;

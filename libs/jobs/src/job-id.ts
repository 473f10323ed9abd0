import { createHash } from 'node:crypto';

/**
 * A job id derived from a caller's key: sending the same key to the same queue again is a no-op
 * while the first job is kept (pg-boss inserts with ON CONFLICT DO NOTHING on (name, id)).
 * Shaped as a version-8 (custom) UUID, RFC 9562 §5.8.
 */
export function jobIdFor(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type CertificateStatus = 'valid' | 'revoked' | 'expired';

/** Revoked (or superseded) wins over expired; expiry is read at the time of asking. */
export function certificateStatus(c: { revokedAt: Date | null; expiresAt: Date | null }, now: Date = new Date()): CertificateStatus {
  if (c.revokedAt) return 'revoked';
  if (c.expiresAt && c.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** Adds calendar months in UTC; the 31st of a shorter month falls on its last day. */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

/** Reminders before a certificate expires, farthest first: 60 days ahead, then 7 (issue 16, item 7). */
export const REMINDER_THRESHOLDS_DAYS = [60, 7] as const;

const DAY_MS = 86_400_000;

/** The reminder due now: the nearest threshold the expiry is within; null when beyond the farthest or already expired. */
export function dueReminder(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const crossed = REMINDER_THRESHOLDS_DAYS.filter((days) => left <= days * DAY_MS);
  return crossed.length ? Math.min(...crossed) : null;
}

/** Sending the reminder at `threshold` settles it and every farther one: no late 60-day notice after the 7-day one. */
export function settledBy(threshold: number): number[] {
  return REMINDER_THRESHOLDS_DAYS.filter((days) => days >= threshold);
}

/** Whole days left, rounded up: "expires in 7 days" on the day the 7-day threshold is crossed. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'themis:audited';

export interface AuditedOptions {
  action: string;
  /** Route parameter naming the subject (e.g. `id`); otherwise the response's `id` or `code`. */
  subjectParam?: string;
}

/** Writes one audit_log entry after the route succeeds: for verifier calls and admin actions. */
export const Audited = (action: string, subjectParam?: string) => SetMetadata(AUDITED, { action, subjectParam } satisfies AuditedOptions);

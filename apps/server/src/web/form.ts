import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { passwordProblem } from '@themis/identity';

export type FieldErrors = Record<string, string>;

/**
 * Form posts are validated here rather than by the global pipe, so a mistake re-renders
 * the form with the answers kept and a message next to the field instead of a JSON 400.
 * The messages are translation keys: `form.invalid.<field>`.
 */
export async function validateForm<T extends object>(dto: new () => T, body: unknown): Promise<{ value: T; errors: FieldErrors | null }> {
  const raw = Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  const value = plainToInstance(dto, raw);
  const problems: ValidationError[] = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  if (problems.length === 0) return { value, errors: null };
  return { value, errors: Object.fromEntries(problems.map((p) => [p.property, messageKey(p, value)])) };
}

/** A refused password says why (common, too easy to guess, holds the name…); the rest name the field. */
function messageKey(p: ValidationError, value: object): string {
  if (!p.constraints?.['acceptablePassword']) return `form.invalid.${p.property}`;
  const reason = passwordProblem((value as Record<string, unknown>)[p.property], value as { email?: string; fullName?: string });
  return reason && reason !== 'tooShort' ? `form.password.${reason}` : `form.invalid.${p.property}`;
}

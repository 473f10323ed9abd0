import { registerDecorator, ValidationOptions } from 'class-validator';

/*
 * Names and addresses as people have them, and nothing a browser or mail client would read as
 * markup (issue 20). Kept apart from the DTOs, which add one decorator per field.
 */

/** RFC 5322 `atext`: what a dot-atom local part may hold. Quoted local parts are legal but refused: no one needs `"<img …>"@host`. */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00C0-\uFFFF-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00C0-\uFFFF-]+)*$/u;
/** An RFC 5321 domain label, letters of any script allowed (IDN): no hyphen at either end, 63 characters at most. */
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** The practical subset of RFC 5321/5322: dot-atom local part of ≤ 64, a host name of ≥ 2 labels and a non-numeric top level, ≤ 254 in all; no address literals. */
export function isPracticalEmail(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local) || /[<>"\s\p{C}]/u.test(local)) return false;
  const labels = domain.split('.');
  if (domain.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]!);
}

/** Most combining marks one letter may carry: enough for Vietnamese or Yoruba, short of "Zalgo" text that overprints its neighbours. */
export const MAX_COMBINING_MARKS = 3;

/** Checked after NFC normalisation (which composes e.g. `ə` + U+0301 where Unicode can). */
export function hasFewCombiningMarks(value: unknown): boolean {
  return typeof value === 'string' && !new RegExp(`\\p{M}{${MAX_COMBINING_MARKS + 1}}`, 'u').test(value.normalize('NFC'));
}

export function IsPracticalEmail(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPracticalEmail', target: target.constructor, propertyName: String(propertyName),
      options: { message: 'email must be an address like name@example.org (letters, digits and . _ + - before the @, no quotes or spaces)', ...options },
      validator: { validate: isPracticalEmail },
    });
}

export function HasFewCombiningMarks(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasFewCombiningMarks', target: target.constructor, propertyName: String(propertyName),
      options: { message: `${String(propertyName)} may carry at most ${MAX_COMBINING_MARKS} accents (combining marks) on one letter`, ...options },
      validator: { validate: hasFewCombiningMarks },
    });
}

import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** Why a password is refused; each has a message in en, az and ru (`form.password.<reason>`). */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'controlCharacters' | 'common' | 'weak' | 'personal';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MIN_SCORE = 3;

// Built once: the dictionaries are large. NIST SP 800-63B §3.1.1.2 asks to check new passwords
// against known-breached and commonly used values; zxcvbn's score adds repeats, sequences and
// keyboard walks (`aaaaaaaaaaaa`, `qwertyuiop12`) that a list alone misses.
let zxcvbn: ZxcvbnFactory | undefined;
let commonSet: Set<string> | undefined;
const checker = (): ZxcvbnFactory => (zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));
const commonPasswords = (): Set<string> => (commonSet ??= new Set((common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));

// C0, DEL and C1 controls (NUL included): nothing a person types into a password field.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** The words of a person that must not appear in their password: the email's local part and each name word of 3+ letters. */
export function personalWords(owner: { email?: string | null; fullName?: string | null }): string[] {
  const local = (owner.email ?? '').split('@')[0]?.trim().toLowerCase() ?? '';
  const names = (owner.fullName ?? '').normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}]+/u).filter((w) => [...w].length >= 3);
  return [...new Set([local, ...names].filter((w) => w.length > 0))];
}

/** null when the password is acceptable for this person (contract: Accounts, "a password"). */
export function passwordProblem(password: unknown, owner: { email?: string | null; fullName?: string | null } = {}): PasswordProblem | null {
  if (typeof password !== 'string' || [...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (CONTROL.test(password)) return 'controlCharacters';
  const lower = password.normalize('NFC').toLowerCase();
  if (personalWords(owner).some((w) => lower.includes(w))) return 'personal';
  if (commonPasswords().has(lower)) return 'common';
  const words = personalWords(owner);
  if (checker().check(password, words).score < PASSWORD_MIN_SCORE) return 'weak';
  return null;
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  tooShort: `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  tooLong: `must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  controlCharacters: 'must not contain control characters',
  common: 'is one of the most common passwords; choose another',
  weak: 'is too easy to guess (repeats, sequences or keyboard patterns); make it longer or less predictable',
  personal: 'must not contain your name or the first part of your email address',
};

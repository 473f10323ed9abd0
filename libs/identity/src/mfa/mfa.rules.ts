import * as crypto from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
export const MAX_WRONG_CODES = 5;
export const CHALLENGE_TTL_SECONDS = 5 * 60;

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789'; // Crockford-like: no I, L, O, U

/** A recovery code of 80 random bits (16 symbols, shown in groups of four): SHA-256 of it is safe to store. */
export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(16);
  const symbols = [...bytes].map((b) => ALPHABET[b % 32]!).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

/** What the user typed, as it was generated: case, spaces and hyphens do not matter. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{16}$/.test(s) ? s.match(/.{4}/g)!.join('-') : null;
}

export const isTotpCode = (input: string): boolean => /^\d{6}$/.test(input.replace(/\s/g, ''));

export const sha256 = (value: string): string => crypto.createHash('sha256').update(value, 'utf8').digest('hex');

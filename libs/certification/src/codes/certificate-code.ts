import * as crypto from 'node:crypto';

/**
 * Certificate codes: 15 random Crockford base32 symbols (75 bits) and one check symbol,
 * grouped as XXXX-XXXX-XXXX-XXXX. Crockford's alphabet has no I, L, O or U, so a code
 * read aloud or typed from paper has no look-alikes; the check symbol (Luhn mod 32)
 * catches every single-symbol typo and every swap of neighbours (but 0Z↔Z0, Luhn's one
 * blind spot) before any lookup.
 * https://www.crockford.com/base32.html
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_LENGTH = 15;
const N = CODE_ALPHABET.length;

/** Symbol value by char code (-1 for anything else): batch verification normalizes 1,000 codes per request. */
const VALUES = Array.from({ length: 128 }, (_, code) => CODE_ALPHABET.indexOf(String.fromCharCode(code)));
const valueOf = (ch: string) => VALUES[ch.charCodeAt(0)] ?? -1;
/** A code exactly as Themis prints it: nothing to rewrite, only the check symbol to test. */
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Luhn mod N over the symbols' values (https://en.wikipedia.org/wiki/Luhn_mod_N_algorithm). */
export function checkSymbol(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    let addend = factor * valueOf(data[i]);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N];
}

export function generateCertificateCode(random: (bytes: number) => Buffer = crypto.randomBytes): string {
  const bytes = random(DATA_LENGTH);
  // One byte per symbol, low 5 bits: each symbol uniform over the 32 symbols, 75 bits in all.
  let data = '';
  for (let i = 0; i < DATA_LENGTH; i++) data += CODE_ALPHABET[bytes[i] & 31];
  return formatCode(data + checkSymbol(data));
}

const formatCode = (raw: string) => raw.match(/.{4}/g)!.join('-');

/**
 * The canonical form of what someone typed, or null when it cannot be a code: case,
 * spaces and hyphens are ignored and the look-alikes O, I and L are read as 0, 1 and 1
 * (Crockford's decoding rules); a wrong check symbol is null, so no query is made.
 */
export function normalizeCertificateCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  if (CANONICAL.test(input)) {
    const raw = input.slice(0, 4) + input.slice(5, 9) + input.slice(10, 14) + input.slice(15, 18);
    return checkSymbol(raw) === input[18] ? input : null;
  }
  const raw = looseSymbols(input);
  if (codeProblem(raw) !== null) return null;
  return formatCode(raw);
}

/**
 * Case, spaces and hyphens dropped, Crockford's look-alikes read, and a leading `TH-` dropped:
 * the verify page once showed codes as `TH-XXXX-XXXX-XXXX`, and people type what they were shown.
 */
function looseSymbols(input: string): string {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return raw.length === DATA_LENGTH + 3 && raw.startsWith('TH') ? raw.slice(2) : raw;
}

/** Why a typed code cannot be a certificate's: `format` (wrong length or symbols), `typo` (the check symbol fails), or null. */
export function certificateCodeProblem(input: string): 'format' | 'typo' | null {
  return codeProblem(looseSymbols(input.slice(0, 64)));
}

function codeProblem(raw: string): 'format' | 'typo' | null {
  if (raw.length !== DATA_LENGTH + 1) return 'format';
  for (const ch of raw) if (valueOf(ch) < 0) return 'format';
  return checkSymbol(raw.slice(0, DATA_LENGTH)) !== raw[DATA_LENGTH] ? 'typo' : null;
}

/** Finds a Themis certificate code written into a PDF's metadata (see the PDF renderer's Keywords). */
export const CODE_MARKER = 'themis-certificate:';

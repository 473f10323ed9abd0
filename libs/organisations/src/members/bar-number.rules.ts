/**
 * Bar numbers and names as a roster and a learner type them. Excel, a phone keyboard and a
 * clerk's typing disagree on case, spaces, hyphens and on Cyrillic letters that look Latin
 * (`АВ-123` typed on a Russian layout is not `AB-123` to a computer), so every comparison of
 * bar numbers goes through `normaliseBarNumber`. Pure: no Nest, no TypeORM.
 */
const LOOK_ALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
};
const SEPARATORS = /[\s\-‐‑‒–—−_]/gu;

export const MAX_BAR_NUMBER = 50;

/** The comparison key of a bar number; null when nothing is left or it holds anything but letters, digits, `/` and `.`. */
export function normaliseBarNumber(raw: string): string | null {
  const upper = raw.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
  const key = [...upper].map((ch) => LOOK_ALIKES[ch] ?? ch).join('');
  if (key.length === 0 || key.length > MAX_BAR_NUMBER || !/^[\p{L}\p{N}/.]+$/u.test(key)) return null;
  return key;
}

/** A full name compared after Unicode normalisation and case folding, with runs of spaces as one. */
export function nameKey(fullName: string): string {
  return fullName.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('und').normalize('NFKC');
}

export const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);

/**
 * How a typed answer is compared with the accepted ones (stated for trainers in courses/README.md):
 * - Unicode NFC, surrounding spaces ignored, every run of spaces counts as one space;
 * - case ignored unless the question says `caseSensitive: true`; when case is ignored, the
 *   Azerbaijani and Turkish i's (I, İ, ı, i) are one letter, so "İnsan", "insan" and "INSAN" match
 *   on any keyboard;
 * - Russian ё is е (always, as Russian writing does), and Azerbaijani ə may be typed as the
 *   pre-1992 ä;
 * - `*` in an accepted answer matches any characters, as in Moodle; `\*` is a literal star.
 * The first accepted answer that matches, in the order written, gives the grade (Moodle's rule).
 */
export function normaliseAnswer(text: string, caseSensitive: boolean): string {
  let s = text.normalize('NFC').trim().replace(/\s+/gu, ' ');
  s = s.replace(/ё/g, 'е').replace(/Ё/g, 'Е').replace(/ä/g, 'ə').replace(/Ä/g, 'Ə');
  if (!caseSensitive) s = s.replace(/[İIı]/g, 'i').toLowerCase().normalize('NFC');
  return s;
}

const escapeRe = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Does `typed` match the accepted `pattern` under the rules above? */
export function matchesShortAnswer(pattern: string, typed: string, caseSensitive: boolean): boolean {
  const p = normaliseAnswer(pattern, caseSensitive);
  const t = normaliseAnswer(typed, caseSensitive);
  if (t === '') return false;
  if (!/(?<!\\)\*/.test(p)) return p.replace(/\\\*/g, '*') === t;
  const re = p
    .split(/(?<!\\)\*/)
    .map((part) => escapeRe(part.replace(/\\\*/g, '*')).replace(/\*/g, '\\*'))
    .join('.*');
  return new RegExp(`^${re}$`, 'su').test(t);
}

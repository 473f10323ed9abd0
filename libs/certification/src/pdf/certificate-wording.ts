/** The words a certificate and its verification page use for stored values. */
const PROFESSIONS: Record<string, string> = {
  defense_attorney: 'Defence attorney',
  prosecutor: 'Prosecutor',
  judge: 'Judge',
  other: 'Justice professional',
};

export const professionLabel = (p: string) => PROFESSIONS[p] ?? p;

/** `procedural_law` → `Procedural law`. */
export const categoryLabel = (key: string) => {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const formatHours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(2).replace(/0$/, ''));

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `22 November 2026`, in Baku time (UTC+4, no daylight saving since 2016). */
export function formatDate(d: Date): string {
  const baku = new Date(d.getTime() + 4 * 3600 * 1000);
  return `${baku.getUTCDate()} ${MONTHS[baku.getUTCMonth()]} ${baku.getUTCFullYear()}`;
}

import type { MyCertificateResponse } from '../certificates/certificate.view';

/** Pure rules of the learner transcript: certificates grouped by calendar year (Baku time), hours per category. */

/** A certificate as the holder's list gives it (CertificatesService.listForUser). */
export type TranscriptCertificateInput = MyCertificateResponse;

export interface TranscriptCertificate extends TranscriptCertificateInput {
  /** False for a revoked (or superseded) certificate: listed, never counted. */
  counted: boolean;
}

export interface TranscriptYear {
  year: number;
  certificates: TranscriptCertificate[];
  /** Counted hours by CLE category, categories in alphabetical order. */
  hoursByCategory: { category: string; hours: number }[];
  totalHours: number;
}

const BAKU_OFFSET_MS = 4 * 3600 * 1000; // UTC+4, no daylight saving since 2016

/** The calendar year in Baku of an instant: a certificate issued on 31 December 22:00 UTC belongs to the next year. */
export const bakuYear = (iso: string): number => new Date(new Date(iso).getTime() + BAKU_OFFSET_MS).getUTCFullYear();

/** Hours are kept to two decimals, as on the certificates. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Newest year first; within a year, in issue order. Revoked certificates are listed and not counted. */
export function transcriptYears(certificates: TranscriptCertificateInput[]): TranscriptYear[] {
  const byYear = new Map<number, TranscriptCertificate[]>();
  for (const c of [...certificates].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.code.localeCompare(b.code))) {
    const year = bakuYear(c.issuedAt);
    byYear.set(year, [...(byYear.get(year) ?? []), { ...c, counted: c.status !== 'revoked' }]);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, list]) => {
      const categories = new Map<string, number>();
      let total = 0;
      for (const c of list.filter((x) => x.counted)) {
        total += c.cleHours;
        for (const [k, h] of Object.entries(c.cleCategories)) categories.set(k, (categories.get(k) ?? 0) + h);
      }
      return {
        year,
        certificates: list,
        hoursByCategory: [...categories.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, hours]) => ({ category, hours: round2(hours) })),
        totalHours: round2(total),
      };
    });
}

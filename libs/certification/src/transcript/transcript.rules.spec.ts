import { bakuYear, TranscriptCertificateInput, transcriptYears } from './transcript.rules';

const cert = (code: string, issuedAt: string, hours: Record<string, number>, status: TranscriptCertificateInput['status'] = 'valid'): TranscriptCertificateInput => ({
  code, courseSlug: code.toLowerCase(), courseTitle: code, courseLanguage: 'en', cleHours: Object.values(hours).reduce((a, b) => a + b, 0), cleCategories: hours, issuedAt, expiresAt: null, status, revokedAt: null, revocationReason: null,
});

describe('transcript years', () => {
  it('puts a certificate in its calendar year in Baku (UTC+4)', () => {
    expect(bakuYear('2025-12-31T19:59:59Z')).toBe(2025);
    expect(bakuYear('2025-12-31T20:00:00Z')).toBe(2026);
  });

  it('sums counted hours per year and category, newest year first, leaving revoked certificates listed but uncounted', () => {
    const years = transcriptYears([
      cert('A', '2025-03-01T10:00:00Z', { ethics: 0.5, procedural_law: 1.5 }),
      cert('B', '2025-06-01T10:00:00Z', { ethics: 1 }, 'revoked'),
      cert('C', '2025-07-01T10:00:00Z', { ethics: 0.25, skills: 1 }, 'expired'),
      cert('D', '2026-01-10T10:00:00Z', { substantive_law: 2 }),
    ]);
    expect(years.map((y) => [y.year, y.totalHours])).toEqual([[2026, 2], [2025, 3.25]]);
    expect(years[1]!.hoursByCategory).toEqual([{ category: 'ethics', hours: 0.75 }, { category: 'procedural_law', hours: 1.5 }, { category: 'skills', hours: 1 }]);
    expect(years[1]!.certificates.map((c) => [c.code, c.counted])).toEqual([['A', true], ['B', false], ['C', true]]);
  });

  it('is empty for a learner without certificates', () => {
    expect(transcriptYears([])).toEqual([]);
  });
});

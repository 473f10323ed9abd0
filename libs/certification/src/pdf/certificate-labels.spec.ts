import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '@themis/core';
import { DOCUMENT_LANGUAGES, formatDateIn, hoursIn, labelsFor } from './certificate-labels';

const interfaceStrings = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(projectRoot, 'apps', 'server', 'i18n', `${lang}.json`), 'utf8'));

describe('certificate labels', () => {
  it.each(DOCUMENT_LANGUAGES)('name the professions as the interface does, in %s', (lang) => {
    const strings = interfaceStrings(lang);
    for (const [key, label] of Object.entries(labelsFor(lang).professions)) expect(label).toBe(strings[`profession.${key}`]);
  });

  it('count hours with the ICU plural rules of each language', () => {
    expect(['1', '2', '5', '0.75', '21'].map((n) => hoursIn('ru', Number(n)))).toEqual(['1 час', '2 часа', '5 часов', '0,75 часа', '21 час']);
    expect([1, 2, 0.5].map((n) => hoursIn('en', n))).toEqual(['1 hour', '2 hours', '0.5 hours']);
    expect(hoursIn('az', 2.5)).toBe('2,5 saat');
  });

  it('write dates in Baku time the way each language does', () => {
    const lateEvening = new Date('2026-12-01T21:30:00Z'); // 2 December 01:30 in Baku
    expect(formatDateIn('en', lateEvening)).toBe('2 December 2026');
    expect(formatDateIn('az', lateEvening)).toBe('2 dekabr 2026');
    expect(formatDateIn('ru', lateEvening)).toBe('2 декабря 2026 г.');
  });
});

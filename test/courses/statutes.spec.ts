import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { readCatalog } from '@themis/catalog';
import { projectRoot } from '@themis/core';

/**
 * Like the citation test for judgments: every reference to an article of Azerbaijani law in a
 * lesson or a question must resolve to courses/statutes.yaml, which records what the reference
 * sheet says about that article and how it is graded.
 *
 * A reference names its instrument ("Article 144-1 of the Criminal Code", "Art. 90.2 of the Code
 * of Criminal Procedure", "Criminal Code Article 12.3") and must then be listed under that
 * instrument; or it is bare ("Article 154.3") and must be listed under some instrument when it
 * cannot be a Convention or treaty article — a number with a paragraph (154.3, 61.III), a
 * hyphenated number (144-1, 14-1), or a number above the Convention's 59 articles.
 */
const COURSES = path.join(projectRoot, 'courses');
const NUM = String.raw`\d+(?:-\d+)?(?:\.(?:\d+(?:-\d+)?|[IVX]+))*`;
const LIST = String.raw`${NUM}(?:\s*(?:,|and|or|to|–)\s*${NUM})*`;
const INSTRUMENTS: Record<string, string> = {
  'Code of Criminal Procedure': 'cpc',
  Code: 'cpc',
  'Criminal Code': 'cc',
  Constitution: 'constitution',
  '2005 Law': 'trafficking-law',
  Law: 'trafficking-law',
  'Administrative Offences Code': 'administrative-offences-code',
};
const AFTER = new RegExp(String.raw`\b(?:Articles?|Arts?\.)\s+(${LIST})(?:\s*\([^)]*\))?(?:\s+of\s+the\s+(Code of Criminal Procedure|Criminal Code|Constitution|2005 Law|Law|Code|Administrative Offences Code)\b)?`, 'g');
const BEFORE = new RegExp(String.raw`\b(Criminal Code|Administrative Offences Code|Constitution)(?:'s)?[ ]+Articles?[ ]+(${LIST})`, 'g');

type Table = Record<string, { articles: Record<string, { says: string; grade: string; sheet: string }> }>;
const table = (parse(fs.readFileSync(path.join(COURSES, 'statutes.yaml'), 'utf8')) as { instruments: Table }).instruments;

const numbers = (list: string) => list.split(/\s*(?:,|\band\b|\bor\b|\bto\b|–)\s*/).filter(Boolean);
const domesticLooking = (n: string) => /[.-]/.test(n) || Number(n) > 59;

/** Each reference in `text`: the article and, when named, the instrument's key. */
export function statuteReferences(text: string): { article: string; instrument?: string }[] {
  const out: { article: string; instrument?: string }[] = [];
  for (const m of text.matchAll(AFTER)) {
    if (/(?:Criminal Code|Administrative Offences Code|Constitution)(?:'s)?[ ]+$/.test(text.slice(0, m.index))) continue; // BEFORE reads it
    const instrument = m[2] ? INSTRUMENTS[m[2]] : undefined;
    for (const article of numbers(m[1]!)) if (instrument || domesticLooking(article)) out.push({ article, ...(instrument ? { instrument } : {}) });
  }
  for (const m of text.matchAll(BEFORE)) for (const article of numbers(m[2]!)) out.push({ article, instrument: INSTRUMENTS[m[1]!]! });
  return out;
}

const resolves = (ref: { article: string; instrument?: string }) =>
  ref.instrument ? ref.article in (table[ref.instrument]?.articles ?? {}) : Object.values(table).some((i) => ref.article in i.articles);

describe('statute references in courses/', () => {
  const catalog = readCatalog(COURSES);
  const texts = catalog.courses.flatMap((c) =>
    c.modules.flatMap((m) => [
      ...m.lessons.map((l) => ({ where: `${c.slug}/${l.slug}`, text: l.markdown })),
      ...(m.quiz?.questions ?? []).flatMap((q) => [q.prompt, q.explanation, ...q.options.map((o) => o.text)].map((text) => ({ where: `${c.slug}/${m.quiz!.slug}#${q.id}`, text }))),
    ]),
  );

  it('finds the references it is meant to find', () => {
    expect(statuteReferences('Under Article 154.3 of the Code, and Articles 158–159, see Article 144-1 of the Criminal Code and Article 5§3.')).toEqual([
      { article: '154.3', instrument: 'cpc' },
      { article: '158' },
      { article: '159' },
      { article: '144-1', instrument: 'cc' },
    ]);
    expect(statuteReferences('Criminal Code Article 12.3; Article 3 of Protocol No. 7; Article 61.III')).toEqual([{ article: '61.III' }, { article: '12.3', instrument: 'cc' }]);
  });

  it('does not resolve an article the table does not list', () => {
    expect(resolves({ article: '144-9', instrument: 'cc' })).toBe(false);
    expect(resolves({ article: '144-1', instrument: 'cpc' })).toBe(false);
    expect(resolves({ article: '999.1' })).toBe(false);
    expect(resolves({ article: '154.3', instrument: 'cpc' })).toBe(true);
  });

  it('resolve, every one, to courses/statutes.yaml', () => {
    const refs = texts.flatMap(({ where, text }) => statuteReferences(text).map((r) => ({ where, ...r })));
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((r) => !resolves(r)).map((r) => `${r.where}: Article ${r.article}${r.instrument ? ` (${r.instrument})` : ''}`)).toEqual([]);
  });

  it('give each statute entry what the sheet says, its grade and where on the sheet', () => {
    for (const instrument of Object.values(table)) {
      for (const entry of Object.values(instrument.articles)) {
        expect(entry.says.length).toBeGreaterThan(5);
        expect(entry.grade).toMatch(/^(V|K|U)\b/);
        expect(entry.sheet).toMatch(/^(AZ|MAIN) /);
      }
    }
  });
});

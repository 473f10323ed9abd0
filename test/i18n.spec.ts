import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROBLEM_MESSAGES } from '../libs/catalog/src/format/problem-codes';

const root = path.join(__dirname, '..');
const LOCALES = ['en', 'az', 'ru'] as const;
const dictionaries = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(root, 'apps', 'server', 'i18n', `${l}.json`), 'utf8')) as Record<string, string>]));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort(); // an ICU plural block counts as its placeholder

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? viewFiles(path.join(dir, e.name)) : e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : []));
}

describe('Interface strings', () => {
  it.each(['az', 'ru'] as const)('%s has exactly the keys English has', (locale) => {
    const en = Object.keys(dictionaries.en!);
    const other = Object.keys(dictionaries[locale]!);
    expect({ missing: en.filter((k) => !other.includes(k)), extra: other.filter((k) => !en.includes(k)) }).toEqual({ missing: [], extra: [] });
  });

  it.each(['az', 'ru'] as const)('%s fills the same {placeholders} as English', (locale) => {
    const differ = Object.entries(dictionaries.en!).filter(([k, v]) => k in dictionaries[locale]! && JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(dictionaries[locale]![k]!))).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('has every key a view names literally ({{t "key"}}) in every language', () => {
    const used = new Set(viewFiles(path.join(root, 'apps', 'server', 'views')).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/(?:\{\{|\()t "([a-zA-Z0-9_.]+)"/g)].map((m) => m[1]!).filter((k) => !k.endsWith('.')))); // a trailing dot is a (concat "prefix." value)
    const missing = LOCALES.flatMap((l) => [...used].filter((k) => !(k in dictionaries[l]!)).map((k) => `${l}: ${k}`));
    expect(missing).toEqual([]);
  });

  it('has every course-file problem code, in English word for word what courses:validate prints', () => {
    const codes = Object.keys(PROBLEM_MESSAGES) as (keyof typeof PROBLEM_MESSAGES)[];
    expect(codes.filter((c) => dictionaries.en![`problem.${c}`] !== PROBLEM_MESSAGES[c])).toEqual([]);
    expect(Object.keys(dictionaries.en!).filter((k) => k.startsWith('problem.') && !(k.slice('problem.'.length) in PROBLEM_MESSAGES))).toEqual([]);
  });
});

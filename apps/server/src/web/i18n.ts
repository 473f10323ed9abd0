import * as fs from 'node:fs';
import * as path from 'node:path';
import { Locale, projectRoot, SUPPORTED_LOCALES } from '@themis/core';

type Dictionary = Record<string, string>;

/** Interface strings only; course content stays in the language it was written in. */
const dictionaries: Record<Locale, Dictionary> = Object.fromEntries(
  SUPPORTED_LOCALES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(projectRoot, 'apps', 'server', 'i18n', `${l}.json`), 'utf8')) as Dictionary]),
) as Record<Locale, Dictionary>;

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);

/** `{name}` placeholders are filled from params; a missing key falls back to English, then to the key itself. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = pluralise(locale, dictionaries[locale][key] ?? dictionaries.en[key] ?? key, params);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}

/**
 * ICU plural blocks, `{minutes, plural, one {# минуты} other {# минут}}`, chosen with the
 * language's plural rules (Intl.PluralRules); `#` is the number as the language writes it.
 */
export function pluralise(locale: Locale, template: string, params: Record<string, unknown>): string {
  const head = /\{(\w+), plural,/g;
  let out = '';
  let from = 0;
  for (let m = head.exec(template); m; m = head.exec(template)) {
    let i = m.index + m[0].length;
    const forms: Record<string, string> = {};
    while (i < template.length && template[i] !== '}') {
      const sel = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(template.slice(i));
      if (!sel) break;
      let depth = 1;
      let j = i + sel[0].length;
      for (; j < template.length && depth > 0; j++) depth += template[j] === '{' ? 1 : template[j] === '}' ? -1 : 0;
      forms[sel[1]!] = template.slice(i + sel[0].length, j - 1);
      i = j;
      while (template[i] === ' ') i++;
    }
    const n = Number(params[m[1]!]);
    const form = Number.isFinite(n) ? (forms[`=${n}`] ?? forms[new Intl.PluralRules(locale).select(n)] ?? forms['other']) : forms['other'];
    out += template.slice(from, m.index) + (form ?? '').replace(/#/g, Number.isFinite(n) ? formatNumber(locale, n) : String(params[m[1]!]));
    from = i + 1;
    head.lastIndex = from;
  }
  return out + template.slice(from);
}

/** A translatable text with its parameters: what a page hands `{{t …}}` when a plain key is not enough. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

export const isMessage = (v: unknown): v is Message => typeof v === 'object' && v !== null && typeof (v as Message).key === 'string';

export const translationKeys = (locale: Locale): string[] => Object.keys(dictionaries[locale]);

/** Picks the best supported language from an Accept-Language header (RFC 9110 §12.5.4), English when none fits. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: (tag ?? '').toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.lang).find(isLocale) ?? 'en';
}

/** British English for `en` (2 December 2026, as on the certificate), not the US form. */
const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);

export function formatDate(locale: Locale, iso: string | Date | null | undefined, withTime = false): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  const date = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'Asia/Baku' }).format(d);
  if (!withTime) return date;
  // ICU's Azerbaijani pattern joins date and time with a slash ("2 dekabr 2026/06:48"): joined here instead.
  if (locale === 'az') return `${date}, ${new Intl.DateTimeFormat('az', { timeStyle: 'short', timeZone: 'Asia/Baku' }).format(d)}`;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Baku' }).format(d);
}

export const formatNumber = (locale: Locale, n: number, maxFraction = 2): string => new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction }).format(n);

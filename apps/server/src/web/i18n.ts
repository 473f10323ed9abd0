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
  const template = dictionaries[locale][key] ?? dictionaries.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
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

export function formatDate(locale: Locale, iso: string | Date | null | undefined, withTime = false): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Baku' } : { dateStyle: 'long', timeZone: 'Asia/Baku' }).format(d);
}

export const formatNumber = (locale: Locale, n: number, maxFraction = 2): string => new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction }).format(n);

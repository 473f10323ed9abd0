import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import Handlebars from 'handlebars';
import { Locale, projectRoot } from '@themis/core';
import { formatDate, formatNumber, isLocale, isMessage, Message, translate } from './i18n';

export const VIEWS_DIR = path.join(projectRoot, 'apps', 'server', 'views');
export const PUBLIC_DIR = path.join(projectRoot, 'apps', 'server', 'public');

type HelperOptions = Handlebars.HelperOptions & { data: { root: { locale?: Locale } } };
const localeOf = (options: HelperOptions): Locale => (isLocale(options.data?.root?.locale) ? options.data.root.locale! : 'en');

/**
 * A small Handlebars view engine: pages wrap themselves in the `layouts/main` partial block,
 * so no template needs a triple-stash for the page body. Every helper returns plain strings,
 * which Handlebars escapes.
 */
export function createViewEngine(viewsDir: string, options: { noEscape?: boolean } = {}): (file: string, data: object, done: (err: Error | null, html?: string) => void) => void {
  const hbs = Handlebars.create();
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const sub of ['partials', 'layouts']) {
    for (const file of walk(path.join(viewsDir, sub)).filter((f) => f.endsWith('.hbs'))) {
      const name = path.relative(path.join(viewsDir, sub === 'partials' ? 'partials' : ''), file).replace(/\\/g, '/').replace(/\.hbs$/, '');
      hbs.registerPartial(name, fs.readFileSync(file, 'utf8'));
    }
  }
  // `{{t "key" name=…}}`, or `{{t message}}` with a Message carrying its own parameters.
  hbs.registerHelper('t', function (key: string | Message, options: HelperOptions) {
    if (isMessage(key)) return translate(localeOf(options), key.key, { ...key.params, ...(options.hash as Record<string, unknown>) });
    return translate(localeOf(options), String(key), options.hash as Record<string, unknown>);
  });
  hbs.registerHelper('date', (iso: string, options: HelperOptions) => formatDate(localeOf(options), iso, options.hash?.['time'] === true));
  hbs.registerHelper('num', (n: number, options: HelperOptions) => formatNumber(localeOf(options), Number(n)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hbs.registerHelper('inc', (n: number) => Number(n) + 1);
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));

  return (file, data, done) => {
    try {
      let template = cache.get(file);
      if (!template) {
        // noEscape: plain-text mail only, where `&` must stay `&`; nothing it renders is read as HTML.
        template = hbs.compile(fs.readFileSync(file, 'utf8'), { strict: false, noEscape: options.noEscape === true });
        cache.set(file, template);
      }
      done(null, template(data));
    } catch (err) {
      done(err as Error);
    }
  };
}

export function configureViews(app: NestExpressApplication): void {
  app.engine('hbs', createViewEngine(VIEWS_DIR));
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/assets', maxAge: '7d' });
}

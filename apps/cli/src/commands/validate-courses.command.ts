import * as fs from 'node:fs';
import * as path from 'node:path';
import { Problem, readCatalog } from '@themis/catalog';
import { AppConfig, projectRoot } from '@themis/core';

const LANGS = ['en', 'az', 'ru'] as const;
type Lang = (typeof LANGS)[number];

/**
 * `npm run courses:validate [-- DIR] [--lang az|ru|en] [--strict]`: every problem as
 * `file:line: message`, every item-writing warning as `file:line: warning: message`; exit 1
 * if there is a problem (with `--strict`, also if there is a warning). `--lang` prints the
 * messages in the trainer's language, from the same strings the editor shows.
 */
export function validateCourses(config: AppConfig, args: string[]): number {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    console.error(opts);
    return 2;
  }
  const dir = opts.dir ? path.resolve(opts.dir) : config.coursesDir;
  const { courses, problems, warnings } = readCatalog(dir);
  const say = messages(opts.lang);
  const where = (p: Problem) => `${path.relative(process.cwd(), p.file) || p.file}:${p.line}`;
  const all = [...problems.map((p) => ({ p, text: `${where(p)}: ${say(p)}` })), ...warnings.map((p) => ({ p, text: `${where(p)}: warning: ${say(p)}` }))];
  all.sort((a, b) => a.p.file.localeCompare(b.p.file) || a.p.line - b.p.line);
  for (const { text } of all) console.log(text);
  const lessons = courses.reduce((n, c) => n + c.modules.reduce((m, mod) => m + mod.lessons.length, 0), 0);
  const questions = courses.reduce((n, c) => n + c.modules.reduce((m, mod) => m + (mod.quiz?.questions.length ?? 0), 0), 0);
  console.error(`${courses.length} valid course(s), ${lessons} lessons, ${questions} questions; ${problems.length} problem(s), ${warnings.length} warning(s)`);
  return problems.length > 0 || (opts.strict && warnings.length > 0) ? 1 : 0;
}

function parseArgs(args: string[]): { dir?: string; lang: Lang; strict: boolean } | string {
  let dir: string | undefined;
  let lang: Lang = 'en';
  let strict = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--strict') strict = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a === '--lang' ? args[++i] : a.slice('--lang='.length);
      if (!LANGS.includes(v as Lang)) return `--lang must be one of: ${LANGS.join(', ')}`;
      lang = v as Lang;
    } else if (a.startsWith('--')) return `unknown option ${a} (known: --lang en|az|ru, --strict)`;
    else dir = a;
  }
  return { ...(dir ? { dir } : {}), lang, strict };
}

/** English is the validator's own text; another language fills `problem.<code>` of the interface strings. */
function messages(lang: Lang): (p: Problem) => string {
  if (lang === 'en') return (p) => p.message;
  const dict = JSON.parse(fs.readFileSync(path.join(projectRoot, 'apps', 'server', 'i18n', `${lang}.json`), 'utf8')) as Record<string, string>;
  return (p) => {
    const template = dict[`problem.${p.code}`];
    return template ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (p.params[name] === undefined ? whole : String(p.params[name]))) : p.message;
  };
}

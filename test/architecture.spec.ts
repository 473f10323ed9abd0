import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The dependency direction of STYLE.md, enforced: certification → assessment → learning →
 * catalog → identity → database → core. A lib imports only libs below it, through their
 * public face (`@themis/<lib>`), and never an app. libs/testing boots the app for tests.
 */
const ORDER = ['core', 'database', 'jobs', 'mail', 'identity', 'organisations', 'catalog', 'accreditation', 'learning', 'assessment', 'evaluation', 'certification'];
const root = path.join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

const libs = fs.readdirSync(path.join(root, 'libs'));

describe('architecture', () => {
  it('knows every lib', () => {
    expect(libs.filter((l) => l !== 'testing' && !ORDER.includes(l))).toEqual([]);
  });

  it.each(libs.filter((l) => l !== 'testing'))('lib %s imports only libs below it, by their public name, and no app', (lib) => {
    const allowed = new Set(ORDER.slice(0, ORDER.indexOf(lib)));
    const libDir = path.join(root, 'libs', lib);
    const offences: string[] = [];
    for (const file of sourceFiles(path.join(libDir, 'src'))) {
      for (const spec of importsOf(file)) {
        const where = `${path.relative(root, file)} imports ${spec}`;
        const named = /^@themis\/([^/]+)(\/.*)?$/.exec(spec);
        if (named) {
          if (named[2]) offences.push(`${where} (deep import: use @themis/${named[1]})`);
          else if (named[1] !== lib && !allowed.has(named[1]!)) offences.push(`${where} (not below ${lib})`);
        } else if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(libDir + path.sep)) offences.push(`${where} (reaches outside the lib)`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('keeps pure rules free of Nest and TypeORM, so they test without a database', () => {
    const pure = sourceFiles(path.join(root, 'libs')).filter((f) => /\.rules\.ts$|grading\.ts$|certificate-code\.ts$/.test(f));
    expect(pure.length).toBeGreaterThanOrEqual(2);
    for (const file of pure) expect(importsOf(file).filter((s) => /^@nestjs|^typeorm/.test(s))).toEqual([]);
  });

  it('lets only libs/testing reach into apps', () => {
    const offenders = libs
      .filter((l) => l !== 'testing')
      .flatMap((l) => sourceFiles(path.join(root, 'libs', l)).flatMap((f) => importsOf(f).filter((s) => s.includes('apps/')).map((s) => `${f}: ${s}`)));
    expect(offenders).toEqual([]);
  });
});

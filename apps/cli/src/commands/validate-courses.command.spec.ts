import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '@themis/core';
import { validateCourses } from './validate-courses.command';

/** 9 levels of 10 aliases: a billion nodes if expanded. */
const ALIAS_BOMB = [
  'title: &a0 [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 8 }, (_, i) => `l${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
  'summary: S', 'audience: [judge]', 'cleHours: {ethics: 1}', 'modules: [m]', '',
].join('\n');

describe('courses:validate', () => {
  let dir: string;
  let printed: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-validate-'));
    printed = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a course.yaml whose aliases expand exponentially as file:line: message, exiting 1', () => {
    fs.mkdirSync(path.join(dir, 'bomb', 'm'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'bomb', 'course.yaml'), ALIAS_BOMB);
    fs.writeFileSync(path.join(dir, 'bomb', 'm', 'module.yaml'), 'title: M\nlessons: [l]\n');
    fs.writeFileSync(path.join(dir, 'bomb', 'm', 'l.md'), '---\ntitle: L\n---\nText.\n');
    const sut = () => validateCourses({ coursesDir: dir } as AppConfig, []);
    expect(sut()).toBe(1);
    expect(printed).toEqual(expect.arrayContaining([expect.stringMatching(/bomb\/course\.yaml:2: YAML: too many aliases/)]));
    expect(printed.join('\n')).not.toMatch(/\n\s+at /);
  });
});

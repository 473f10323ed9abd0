import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '@themis/core';
import { readCatalog } from './course-reader';

const COURSES = path.join(projectRoot, 'courses');
const ESSENTIALS = 'access-to-a-lawyer-essentials';

/** A copy of the real courses folder with only the essentials course, to change files in. */
function copyOfEssentials(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-translations-'));
  fs.cpSync(path.join(COURSES, 'bibliography'), path.join(dir, 'bibliography'), { recursive: true });
  fs.cpSync(path.join(COURSES, ESSENTIALS), path.join(dir, ESSENTIALS), { recursive: true });
  return dir;
}

const edit = (file: string, change: (text: string) => string) => fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
const lineOf = (file: string, needle: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('course translations', () => {
  const catalog = readCatalog(COURSES);
  const essentials = catalog.courses.find((c) => c.slug === ESSENTIALS)!;

  it('has every lesson, module and question of the essentials course in Azerbaijani and Russian, with no problem', () => {
    expect(catalog.problems.filter((p) => p.file.includes(ESSENTIALS))).toEqual([]);
    for (const lang of ['az', 'ru'] as const) {
      const t = essentials.translations![lang]!;
      expect(t.title).toBeTruthy();
      for (const mod of essentials.modules) {
        expect(t.modules[mod.slug]?.outcomes).toHaveLength(mod.outcomes.length);
        for (const lesson of mod.lessons) expect(t.lessons[lesson.slug]?.markdown.length).toBeGreaterThan(lesson.markdown.length / 2);
        for (const q of mod.quiz!.questions) {
          expect(t.quizzes[mod.quiz!.slug]!.questions[q.id]).toMatchObject({ prompt: expect.any(String), explanation: expect.any(String) });
          expect(t.quizzes[mod.quiz!.slug]!.questions[q.id]!.options).toHaveLength(q.options.length);
        }
      }
    }
  });

  it('runs the item-writing checks on a translated quiz too, at the translated option\'s line', () => {
    const dir = copyOfEssentials();
    const file = path.join(dir, ESSENTIALS, 'first-interrogation', 'quiz.ru.yaml');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const option = lines.findIndex((l, i) => i > 0 && /^\s+options:\s*$/.test(lines[i - 1]!) && /^\s+- /.test(l));
    lines[option] = lines[option]!.replace(/- .*$/, '- Все ответы верны');
    fs.writeFileSync(file, lines.join('\n'));
    const at = readCatalog(dir).problems.map((p) => `${path.relative(dir, p.file)}:${p.line}: ${p.code}`);
    expect(at).toContain(`${ESSENTIALS}/first-interrogation/quiz.ru.yaml:${option + 1}: warnAboveOption`);
  });

  it('flags a translation whose source changed as stale at its sourceHash line, and serves the source instead', () => {
    const dir = copyOfEssentials();
    const mod = path.join(dir, ESSENTIALS, 'first-interrogation');
    edit(path.join(mod, 'the-salduz-rule.md'), (t) => t.replace('seventeen-year-old', '17-year-old'));
    edit(path.join(mod, 'quiz.yaml'), (t) => t.replace('Who must show that the trial was nevertheless fair?', 'Who must show that the trial was fair all the same?'));
    const sut = readCatalog(dir);
    const at = sut.problems.map((p) => `${path.relative(dir, p.file)}:${p.line}: ${p.code}`);
    expect(at).toEqual(
      expect.arrayContaining([
        `${ESSENTIALS}/first-interrogation/the-salduz-rule.ru.md:2: translationStale`,
        `${ESSENTIALS}/first-interrogation/the-salduz-rule.az.md:2: translationStale`,
        `${ESSENTIALS}/first-interrogation/quiz.ru.yaml:${lineOf(path.join(mod, 'quiz.ru.yaml'), 'burden-without-reasons') + 1}: translationStale`,
      ]),
    );
    expect(sut.problems.every((p) => p.severity === 'warning')).toBe(true);
    const course = sut.courses[0]!;
    expect(course.translations!.ru!.lessons['the-salduz-rule']).toBeUndefined();
    expect(course.translations!.ru!.lessons['delays-and-overall-fairness']).toBeDefined();
    expect(course.translations!.ru!.quizzes['first-interrogation-quiz']!.questions['burden-without-reasons']).toBeUndefined();
  });

  it('reports a missing translation file at the source file and a missing question at its line in the source quiz', () => {
    const dir = copyOfEssentials();
    const mod = path.join(dir, ESSENTIALS, 'first-interrogation');
    fs.rmSync(path.join(mod, 'delays-and-overall-fairness.az.md'));
    edit(path.join(mod, 'quiz.az.yaml'), (t) => t.replace(/ {2}statutory-ban:[\s\S]*?(?= {2}burden-without-reasons:)/, ''));
    const at = readCatalog(dir).problems.map((p) => `${path.relative(dir, p.file)}:${p.line}: ${p.message}`);
    expect(at).toEqual(
      expect.arrayContaining([
        `${ESSENTIALS}/first-interrogation/delays-and-overall-fairness.md:1: no az translation: delays-and-overall-fairness.az.md is missing (the course has course.az.yaml)`,
        `${ESSENTIALS}/first-interrogation/quiz.yaml:${lineOf(path.join(mod, 'quiz.yaml'), 'id: statutory-ban')}: question "statutory-ban" has no az translation in quiz.az.yaml`,
      ]),
    );
  });

  it('takes nothing but text from a translation: a "correct" key is refused and the option count must match', () => {
    const dir = copyOfEssentials();
    const quiz = path.join(dir, ESSENTIALS, 'first-interrogation', 'quiz.ru.yaml');
    edit(quiz, (t) => t.replace('      - Действовали ли сотрудники полиции добросовестно\n', '').replace('    prompt: >\n      Обвинение', '    correct: true\n    prompt: >\n      Обвинение'));
    const sut = readCatalog(dir);
    const codes = sut.problems.map((p) => `${p.line}: ${p.code}`);
    expect(codes).toEqual(expect.arrayContaining([`${lineOf(quiz, 'correct: true')}: unknownKey.question`, expect.stringMatching(/translationOptionCount$/)]));
    const questions = sut.courses[0]!.translations!.ru!.quizzes['first-interrogation-quiz']!.questions;
    expect(questions['ibrahim-stages']).toBeUndefined();
    expect(questions['burden-without-reasons']).toBeUndefined();
    expect(questions['night-questioning']).toBeDefined();
  });
});

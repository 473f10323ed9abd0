import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { readCatalog } from '@themis/catalog';
import { projectRoot } from '@themis/core';

/**
 * What issue 15 asks of the flagship quizzes and courses beyond the item-writing warnings:
 * scenario questions (marked `scenario: true`) make up at least 70% of each flagship quiz,
 * multiple-answer questions have two or three right options among four to six, and the two
 * Convention courses do not teach the same judgment: a judgment listed in a lesson's `cases`
 * (the judgments the lesson is about) in one of them is not a lesson subject in the other.
 */
const COURSES = path.join(projectRoot, 'courses');
const FLAGSHIPS = ['echr-criminal-practice', 'convention-criminal-procedure', 'trafficking-victims'];
const catalog = readCatalog(COURSES);
const course = (slug: string) => catalog.courses.find((c) => c.slug === slug)!;

const frontMatterCases = (slug: string): Map<string, string[]> => {
  const subjects = new Map<string, string[]>();
  for (const m of course(slug).modules) {
    for (const l of m.lessons) {
      const text = fs.readFileSync(path.join(COURSES, slug, m.slug, `${l.slug}.md`), 'utf8');
      const front = (parse(text.split(/^---$/m)[1] ?? '') ?? {}) as { cases?: string[] };
      for (const key of front.cases ?? []) subjects.set(key, [...(subjects.get(key) ?? []), l.slug]);
    }
  }
  return subjects;
};

describe('the flagship quizzes', () => {
  const quizzes = FLAGSHIPS.flatMap((slug) => course(slug).modules.map((m) => ({ where: `${slug}/${m.slug}`, quiz: m.quiz! })));

  it.each(quizzes.map((q) => [q.where, q.quiz] as const))('%s: at least 70% of the questions are marked as scenarios', (_where, quiz) => {
    const scenarios = quiz.questions.filter((q) => q.scenario === true).length;
    expect(scenarios / quiz.questions.length).toBeGreaterThanOrEqual(0.7);
  });

  it('give every multiple-answer question two or three right options among four to six', () => {
    const bad = quizzes.flatMap(({ where, quiz }) =>
      quiz.questions.filter((q) => q.type === 'multiple').filter((q) => {
        const right = q.options.filter((o) => o.correct).length;
        return right < 2 || right > 3 || q.options.length < 4 || q.options.length > 6;
      }).map((q) => `${where}#${q.id}`),
    );
    expect(bad).toEqual([]);
  });
});

describe('the two Convention courses', () => {
  it('do not make the same judgment the subject of a lesson in both', () => {
    const echr = frontMatterCases('echr-criminal-practice');
    const procedure = frontMatterCases('convention-criminal-procedure');
    expect([...echr.keys()].filter((key) => procedure.has(key)).map((key) => `${key}: ${echr.get(key)} / ${procedure.get(key)}`)).toEqual([]);
    expect(echr.size).toBeGreaterThan(20);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { APPLICATION_NUMBER, CITATION, readBibliography, readCatalog } from '@themis/catalog';
import { projectRoot } from '@themis/core';

const COURSES = path.join(projectRoot, 'courses');
const FLAGSHIPS = ['echr-criminal-practice', 'convention-criminal-procedure', 'trafficking-victims'];

describe('the courses in courses/', () => {
  const catalog = readCatalog(COURSES);

  it('validate without a single problem', () => {
    expect(catalog.problems.map((p) => `${path.relative(projectRoot, p.file)}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('cite only judgments that resolve to the bibliography, in lessons and in questions', () => {
    const bibliography = readBibliography(COURSES, []);
    const unresolved: string[] = [];
    for (const course of catalog.courses) {
      for (const m of course.modules) {
        const texts = [...m.lessons.map((l) => l.markdown), ...(m.quiz?.questions.flatMap((q) => [q.prompt, q.explanation]) ?? [])];
        for (const text of texts) for (const c of text.matchAll(CITATION)) if (!bibliography.has(c[1]!)) unresolved.push(`${course.slug}/${m.slug}: ${c[1]}`);
        for (const l of m.lessons) for (const key of l.cases) if (!bibliography.has(key)) unresolved.push(`${course.slug}/${l.slug}: ${key}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('give every bibliography entry application numbers of the form NNNNN/YY, a real date and a formation', () => {
    const bibliography = readBibliography(COURSES, []);
    expect(bibliography.size).toBeGreaterThan(10);
    for (const ref of bibliography.values()) {
      for (const no of ref.applicationNumbers) expect(no).toMatch(APPLICATION_NUMBER);
      expect(ref.judgmentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['Grand Chamber', 'Chamber', 'Plenary', 'Committee']).toContain(ref.formation);
      expect(ref.articles.length).toBeGreaterThan(0);
    }
  });

  it.each(FLAGSHIPS)('%s meets the bar: 4+ modules of 2–4 substantial lessons and a quiz of 8+ mixed questions, each explained', (slug) => {
    const course = catalog.courses.find((c) => c.slug === slug);
    expect(course).toBeDefined();
    expect(course!.modules.length).toBeGreaterThanOrEqual(4);
    expect(course!.audience).toEqual(expect.arrayContaining(['defense_attorney', 'prosecutor', 'judge']));
    for (const m of course!.modules) {
      expect(m.lessons.length).toBeGreaterThanOrEqual(2);
      expect(m.lessons.length).toBeLessThanOrEqual(4);
      expect(m.summary).toBeTruthy();
      expect(m.outcomes.length).toBeGreaterThan(0);
      for (const l of m.lessons) expect(l.markdown.split(/\s+/).length).toBeGreaterThanOrEqual(500);
      const questions = m.quiz!.questions;
      expect(questions.length).toBeGreaterThanOrEqual(8);
      expect(new Set(questions.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'true_false']));
      for (const q of questions) expect(q.explanation.length).toBeGreaterThan(20);
    }
  });

  it('give sensitive trafficking lessons a content note', () => {
    const course = catalog.courses.find((c) => c.slug === 'trafficking-victims')!;
    expect(course.modules.flatMap((m) => m.lessons).filter((l) => l.contentNote).length).toBeGreaterThanOrEqual(3);
  });

  it('keep fact-check notes beside each flagship course', () => {
    for (const slug of FLAGSHIPS) expect(fs.existsSync(path.join(COURSES, slug, 'FACT-CHECK.md'))).toBe(true);
  });
});

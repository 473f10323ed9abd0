import * as path from 'node:path';
import { projectRoot } from '@themis/core';
import { readCatalog } from './course-reader';

const fixtures = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);

describe(readCatalog.name, () => {
  it('reads the valid fixture courses with their structure, citations and true/false answers', () => {
    const sut = readCatalog(fixtures('courses'));
    expect(sut.problems).toEqual([]);
    expect(sut.courses.map((c) => c.slug)).toEqual(['path-course', 'timed-course']);
    const course = sut.courses[0]!;
    expect(course.modules[0]!.lessons.map((l) => l.slug)).toEqual(['lesson-one', 'lesson-two']);
    expect(course.modules[0]!.lessons[0]!.cases).toEqual(['salduz-v-turkey']);
    expect(course.modules[0]!.lessons[1]!.contentNote).toMatch(/ill-treatment/);
    expect(course.modules[0]!.quiz!.questions[2]).toMatchObject({ type: 'true_false', answer: true });
    expect(Object.keys(course.bibliography)).toEqual(['salduz-v-turkey']);
  });

  describe('on the invalid fixtures', () => {
    const sut = readCatalog(fixtures('invalid-courses'));
    const messages = sut.problems.map((p) => `${path.relative(fixtures('invalid-courses'), p.file)}:${p.line}: ${p.message}`);
    const expectProblem = (file: string, line: number, text: RegExp) =>
      expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${file.replace(/[/.]/g, '\\$&')}:${line}: .*${text.source}`))]));

    it('imports nothing from a course with problems', () => {
      expect(sut.courses).toEqual([]);
      expect(sut.invalid).toEqual(['broken']);
    });

    it('reports bad bibliography entries at their line', () => {
      expectProblem('bibliography/bad.yaml', 9, /form NNNNN\/YY/);
      expectProblem('bibliography/bad.yaml', 10, /real date/);
      expectProblem('bibliography/bad.yaml', 11, /formation/);
    });

    it('reports unknown keys, bad audience, bad hours and duplicate or missing modules', () => {
      expectProblem('broken/course.yaml', 5, /unknown key "colour"/);
      expectProblem('broken/course.yaml', 3, /audience "astronaut"/);
      expectProblem('broken/course.yaml', 4, /steps of 0\.25/);
      expectProblem('broken/course.yaml', 6, /listed twice/);
      expectProblem('broken/course.yaml', 6, /has no missing-module\/module\.yaml/);
    });

    it('reports duplicate lesson slugs, unlisted lesson files and unresolved citations at the citing line', () => {
      expectProblem('broken/mod/module.yaml', 2, /lesson "a-lesson" is listed twice/);
      expectProblem('broken/mod/orphan.md', 1, /not listed in module\.yaml/);
      expectProblem('broken/mod/a-lesson.md', 4, /citation "nowhere-v-nobody" is not in the bibliography/);
    });

    it('reports quiz problems: pass mark out of range, no or two correct options, missing answer and explanation, duplicate ids, unknown type', () => {
      expectProblem('broken/mod/quiz.yaml', 2, /passMark" must be a whole number from 1 to 100/);
      expectProblem('broken/mod/quiz.yaml', 8, /no option is marked "correct: true"/);
      expectProblem('broken/mod/quiz.yaml', 15, /exactly one correct option/);
      expectProblem('broken/mod/quiz.yaml', 22, /needs "answer: true" or "answer: false"/);
      expectProblem('broken/mod/quiz.yaml', 25, /missing required key "explanation"/);
      expectProblem('broken/mod/quiz.yaml', 33, /"type" must be one of/);
    });
  });
});

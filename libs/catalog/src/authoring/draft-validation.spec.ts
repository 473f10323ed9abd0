import * as path from 'node:path';
import { projectRoot } from '@themis/core';
import { readBibliography } from '../format/bibliography-reader';
import { readCatalog } from '../format/course-reader';
import { draftFromSource, DraftCourse } from './course-files';
import { validateDraft } from './draft-validation';

const dirs = [path.join(projectRoot, 'test', 'fixtures', 'courses'), path.join(projectRoot, 'courses')];

describe(validateDraft.name, () => {
  describe.each(dirs)('on the courses in %s', (dir) => {
    const catalog = readCatalog(dir);
    const bibliography = readBibliography(dir, []);
    it.each(catalog.courses.map((c) => [c.slug, c] as const))('reads %s back exactly as the files said, key order included', (_slug, course) => {
      const sut = validateDraft(draftFromSource(course), bibliography);
      expect(sut.problems).toEqual([]);
      expect(JSON.stringify(sut.source)).toBe(JSON.stringify(course));
    });
  });

  describe('on a draft with mistakes', () => {
    const dir = dirs[0]!;
    const course = readCatalog(dir).courses.find((c) => c.slug === 'path-course')!;
    const bibliography = readBibliography(dir, []);
    const broken = (edit: (d: DraftCourse) => void) => {
      const draft = draftFromSource(course);
      edit(draft);
      return validateDraft(draft, bibliography).problems;
    };

    it('puts an out-of-range pass mark on the pass-mark field with the validator message', () => {
      expect(broken((d) => (d.modules[0]!.quiz!.passMark = 150))).toEqual([expect.objectContaining({ field: 'modules.0.quiz.passMark', message: '"passMark" must be a whole number from 1 to 100' })]);
    });

    it('gives each problem a stable code and the parameters a translation needs', () => {
      expect(broken((d) => (d.modules[0]!.quiz!.passMark = 150))).toEqual([
        { field: 'modules.0.quiz.passMark', code: 'wholeNumber', params: { key: 'passMark', min: 1, max: 100 }, message: '"passMark" must be a whole number from 1 to 100' },
      ]);
      expect(broken((d) => (d.modules[0]!.lessons[1]!.markdown += '\nSee [@no-such-case].\n'))).toEqual([expect.objectContaining({ code: 'citationUnknown', params: { key: 'no-such-case' } })]);
    });

    it('puts an unknown citation in a lesson on the lesson text', () => {
      const problems = broken((d) => (d.modules[0]!.lessons[1]!.markdown += '\nSee [@no-such-case].\n'));
      expect(problems).toEqual([expect.objectContaining({ field: 'modules.0.lessons.1.markdown', message: expect.stringMatching(/citation "no-such-case" is not in the bibliography/) })]);
    });

    it('puts an empty summary and a missing title where they belong', () => {
      const problems = broken((d) => {
        d.summary = '';
        delete (d as Partial<DraftCourse>).title;
      });
      expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'summary', message: '"summary" must be non-empty text' }), expect.objectContaining({ field: 'title', message: 'missing required key "title"' })]));
    });

    it('names the question whose options have no correct one, and a question without an explanation', () => {
      const problems = broken((d) => {
        const q = d.modules[0]!.quiz!.questions.find((x) => x.type === 'single')!;
        q.options.forEach((o) => (o.correct = false));
        const i = d.modules[0]!.quiz!.questions.indexOf(q);
        d.modules[0]!.quiz!.questions[i + 1]!.explanation = undefined as unknown as string;
      });
      expect(problems).toEqual(expect.arrayContaining([
        expect.objectContaining({ field: 'modules.0.quiz.questions.0.options', message: 'no option is marked "correct: true"' }),
        expect.objectContaining({ field: 'modules.0.quiz.questions.1.explanation', message: 'missing required key "explanation"' }),
      ]));
    });

    it('puts each item-writing warning on its field, and publishing is not held up by them', () => {
      const dir = path.join(projectRoot, 'test', 'fixtures', 'item-writing');
      const flawed = readCatalog(dir).courses[0]!;
      const sut = validateDraft(draftFromSource(flawed), readBibliography(dir, []));
      expect(sut.problems).toEqual([]);
      expect(sut.source).toBeDefined();
      expect(sut.warnings.map((w) => `${w.field} ${w.code}`)).toEqual([
        'modules.0.quiz.questions.0.options.1.text warnLongCorrect',
        'modules.0.quiz.questions.1.options warnAllButOneCorrect',
        'modules.0.quiz.questions.2.options.2.text warnOptionNearTwice',
        'modules.0.quiz.questions.3.options.2.text warnAboveOption',
        'modules.0.quiz.questions.4.prompt warnStemHasAnswer',
        'modules.0.quiz.questions warnCorrectLongestInQuiz',
      ]);
    });

    it('refuses a slug that could be a path without writing it anywhere', () => {
      const problems = broken((d) => (d.modules[0]!.lessons[0]!.slug = '../../etc'));
      expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'modules.0.lessons.0.slug', message: '"../../etc" must be lower-case letters, digits and hyphens' })]));
    });
  });
});

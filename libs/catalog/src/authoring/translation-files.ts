import { Document } from 'yaml';
import type { CourseTranslations } from '../format/translation-source';
import type { CourseFile, DraftCourse } from './course-files';

const yamlText = (value: unknown) => new Document(value).toString({ lineWidth: 0 });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
const file = (path: string, text: string): CourseFile => ({ path, text, fieldAt: () => 'translations' });

/**
 * The translation files of a course (`course.<lang>.yaml`, `module.<lang>.yaml`, `<lesson>.<lang>.md`,
 * `quiz.<lang>.yaml`), each with the `sourceHash` it was made against: written back, the reader
 * keeps what still matches the (perhaps edited) source and drops what has gone stale.
 */
export function translationFiles(draft: DraftCourse & { translations?: CourseTranslations }, names: { course: string; modules: string[]; lessons: string[][] }): CourseFile[] {
  const files: CourseFile[] = [];
  for (const [lang, t] of Object.entries(draft.translations ?? {})) {
    if (!t) continue;
    files.push(file(`${names.course}/course.${lang}.yaml`, yamlText(defined({ sourceHash: t.sourceHash ?? 'none', title: t.title, summary: t.summary }))));
    (draft.modules ?? []).forEach((mod, i) => {
      const dir = `${names.course}/${names.modules[i]}`;
      const m = t.modules[mod.slug];
      if (m) files.push(file(`${dir}/module.${lang}.yaml`, yamlText(defined({ sourceHash: m.sourceHash, title: m.title, summary: m.summary, outcomes: m.outcomes.length ? m.outcomes : undefined }))));
      (mod.lessons ?? []).forEach((lesson, j) => {
        const l = t.lessons[lesson.slug];
        if (l) files.push(file(`${dir}/${names.lessons[i]![j]}.${lang}.md`, `---\n${yamlText(defined({ sourceHash: l.sourceHash, title: l.title, contentNote: l.contentNote }))}---\n\n${l.markdown}`));
      });
      const q = mod.quiz ? t.quizzes[mod.quiz.slug] : undefined;
      if (q) {
        const questions = Object.fromEntries(Object.entries(q.questions).map(([id, x]) => [id, defined({ sourceHash: x.sourceHash, prompt: x.prompt, options: x.options.length ? x.options : undefined, explanation: x.explanation })]));
        files.push(file(`${dir}/quiz.${lang}.yaml`, yamlText(defined({ sourceHash: q.sourceHash ?? 'none', title: q.title, questions }))));
      }
    });
  }
  return files;
}

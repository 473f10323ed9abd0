import type { DraftQuestion } from '../course-files';
import { uniqueQuestionId } from '../draft-edits';
import { MoodleXmlProblem, readMoodleXml } from './moodle-xml-reader';

export interface MoodleXmlToDraft {
  questions: (DraftQuestion & { category: string | null })[];
  problems: MoodleXmlProblem[];
  changed: MoodleXmlProblem[];
}

/** Moodle XML → questions for a draft quiz, ids made from the questions' names and unique beside `takenIds`. */
export function moodleXmlToDraftQuestions(xml: string, takenIds: Iterable<string>): MoodleXmlToDraft {
  const read = readMoodleXml(xml);
  const taken = new Set(takenIds);
  const questions = read.questions.map(({ number, name, category, ...q }) => ({ ...q, id: uniqueQuestionId(name ?? `question-${number}`, taken), category }));
  return { questions, problems: read.problems, changed: read.changed };
}

/**
 * The grades Moodle allows an answer (question_bank::fraction_options_full), and its import's rule
 * for them (qformat_default::importprocess with match_grades = "error"): a grade within 0.00001
 * of one of these is read as that one; any other refuses the question.
 */
const POSITIVE = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05];
export const MOODLE_GRADES: readonly number[] = [...POSITIVE, 0, ...POSITIVE.map((g) => -g)];

export function matchMoodleGrade(fraction: number): number | undefined {
  if (!Number.isFinite(fraction)) return undefined;
  return MOODLE_GRADES.find((g) => Math.abs(g - fraction) < 0.00001);
}

/**
 * What Moodle XML cannot say about a Themis question travels in a comment inside its
 * `<question>`, which Moodle ignores: `<!-- themis: exported; all-or-nothing; module=m1; scenario -->`.
 * "exported" tells the import that the explanation already holds the per-answer feedback.
 */
export const THEMIS_MARK = {
  write: (marks: string[]) => ` themis: ${marks.join('; ')} `,
  read: (comment: string): string[] => {
    const m = /^\s*themis:\s*(.*?)\s*$/s.exec(comment);
    return m ? m[1]!.split(';').map((s) => s.trim()).filter(Boolean) : [];
  },
};

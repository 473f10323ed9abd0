import type { OptionSource, QuestionSource } from './course-source';
import { ProblemText, said } from './problem-codes';

/**
 * Item-writing checks: the flaws that let a test-wise learner pick the key without knowing
 * the law (Haladyna, Downing & Rodriguez 2002, "A review of multiple-choice item-writing
 * guidelines", Applied Measurement in Education 15(3)). They are warnings: a course with them
 * still imports, and `courses:validate --strict` (and test/courses) can require none.
 *
 * Each finding names where it sits, relative to the question (`['options', 2]`) or the quiz
 * (`['questions']`), so that the reader reports it at the line that was written.
 */
export interface ItemWarning {
  at: (string | number)[];
  text: ProblemText;
}

/** A right option this much longer than the longest wrong one stands out (both must hold). */
export const LONG_RATIO = 1.25;
export const LONG_EXTRA_CHARS = 20;

/** Case, spaces, dashes and end punctuation do not make two options different. */
export const normalOption = (text: string) =>
  text
    .normalize('NFC')
    .toLocaleLowerCase('en')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[.,;:!?…"'«»“”„]+/g, '')
    .trim();

// "All/none of the above" and their Azerbaijani and Russian forms: an option that refers to
// the other options can be judged from two of them, without knowing the third.
const ABOVE = [
  /\b(?:all|none|both|neither)\s+(?:of\s+)?(?:the\s+)?(?:above|previous|preceding|foregoing)\b/i,
  /\b(?:all|none)\s+(?:of\s+)?(?:these|those)\s+(?:answers|options)\b/i,
  /yuxar[ıi]da(?:k[ıi]lar(?:[ıi]n|dan)|\s+(?:göstərilən|sadalanan|deyilən)\w*)\s+(?:ham[ıi]s[ıi]|heç\s+biri|hec\s+biri)/i,
  /(?:ham[ıi]s[ıi]|heç\s+biri|bütün\s+cavablar)\s+(?:doğrudur|düzdür|düzgündür|yanlışdır|səhvdir)/i,
  /(?:^|[^а-яё])(?:вс[её]|все\s+ответы|ни\s+один|ничего|ни\s+одно|ни\s+один\s+из)\s*(?:из\s+)?(?:выше|вышеперечисленн|перечисленн|вышеуказанн|указанн)/i,
  /(?:^|[^а-яё])(?:все|ни\s+один\s+из)\s+(?:ответы|вариант\w*)\s+(?:верны|неверны|правильны)/i,
];

export const refersToOtherOptions = (text: string) => ABOVE.some((re) => re.test(text.normalize('NFC').toLowerCase()));

const longest = (options: OptionSource[]) => options.reduce((n, o) => Math.max(n, o.text.length), 0);

/** A single-answer question whose right option is conspicuously the longest. */
export function longCorrectOption(q: QuestionSource): ItemWarning[] {
  if (q.type !== 'single') return [];
  const i = q.options.findIndex((o) => o.correct);
  const wrong = q.options.filter((o) => !o.correct);
  if (i < 0 || wrong.length === 0) return [];
  const right = q.options[i]!.text.length;
  const wrongMax = longest(wrong);
  if (right < wrongMax * LONG_RATIO || right - wrongMax < LONG_EXTRA_CHARS) return [];
  return [{ at: ['options', i], text: said('warnLongCorrect', { right, wrong: wrongMax }) }];
}

/** A multiple-answer question where every option but one is right: pick all, drop the odd one. */
export function allButOneCorrect(q: QuestionSource): ItemWarning[] {
  if (q.type !== 'multiple' || q.options.length < 2) return [];
  const correct = q.options.filter((o) => o.correct).length;
  return correct === q.options.length - 1 ? [{ at: ['options'], text: said('warnAllButOneCorrect', { count: q.options.length }) }] : [];
}

/** Options that differ only in case, spaces or punctuation (exact repeats are errors already). */
export function nearDuplicateOptions(q: QuestionSource): ItemWarning[] {
  const seen = new Map<string, string>();
  const out: ItemWarning[] = [];
  q.options.forEach((o, j) => {
    const key = normalOption(o.text);
    const first = seen.get(key);
    if (first !== undefined && first !== o.text) out.push({ at: ['options', j], text: said('warnOptionNearTwice', { text: o.text, other: first }) });
    if (first === undefined) seen.set(key, o.text);
  });
  return out;
}

export function aboveOptions(q: QuestionSource): ItemWarning[] {
  return q.options.flatMap((o, j) => (refersToOtherOptions(o.text) ? [{ at: ['options', j], text: said('warnAboveOption', { text: o.text }) }] : []));
}

const contains = (haystack: string, needle: string) => {
  const at = haystack.indexOf(needle);
  if (at < 0) return false;
  const before = haystack[at - 1];
  const after = haystack[at + needle.length];
  const letter = /[\p{L}\p{N}]/u;
  return !(before && letter.test(before)) && !(after && letter.test(after));
};

/** Right options shorter than this are too common words to give anything away ("yes", "6"). */
export const STEM_ANSWER_MIN_CHARS = 4;

/** The stem says the right option word for word, and says no wrong one. */
export function stemContainsAnswer(q: QuestionSource): ItemWarning[] {
  if (q.type !== 'single' && q.type !== 'multiple') return [];
  const stem = normalOption(q.prompt);
  const inStem = (o: OptionSource) => {
    const t = normalOption(o.text);
    return t.length >= STEM_ANSWER_MIN_CHARS && contains(stem, t);
  };
  if (q.options.some((o) => !o.correct && inStem(o))) return [];
  const j = q.options.findIndex((o) => o.correct && inStem(o));
  return j < 0 ? [] : [{ at: ['prompt'], text: said('warnStemHasAnswer', { text: q.options[j]!.text }) }];
}

/** Every check that looks at one question. */
export function questionWarnings(q: QuestionSource): ItemWarning[] {
  return [...longCorrectOption(q), ...allButOneCorrect(q), ...nearDuplicateOptions(q), ...aboveOptions(q), ...stemContainsAnswer(q)];
}

/** The right option is the (strictly) longest in more than half of the single-answer questions. */
export function correctLongestInQuiz(questions: QuestionSource[]): ItemWarning[] {
  const singles = questions.filter((q) => q.type === 'single' && q.options.some((o) => !o.correct) && q.options.some((o) => o.correct));
  const longestRight = singles.filter((q) => q.options.find((o) => o.correct)!.text.length > longest(q.options.filter((o) => !o.correct))).length;
  return singles.length > 0 && longestRight * 2 > singles.length ? [{ at: ['questions'], text: said('warnCorrectLongestInQuiz', { count: longestRight, total: singles.length }) }] : [];
}

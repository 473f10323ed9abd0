/**
 * Every problem the course-file readers report, by a stable code. The English text is what
 * `courses:validate` prints and the API returns as `message`; the editor's pages show the
 * code's translation (`problem.<code>` in apps/server/i18n) filled with the same parameters.
 */
export const PROBLEM_MESSAGES = {
  yaml: 'YAML: {detail}',
  coursesFolderMissing: 'courses folder not found',
  'mapping.file': '{file} must be a mapping of keys to values',
  'mapping.frontMatter': 'lesson front matter must be a mapping of keys to values',
  'mapping.question': 'question {n} must be a mapping of keys to values',
  'mapping.option': 'option {n} must be a mapping of keys to values',
  'mapping.case': 'case "{case}" must be a mapping of keys to values',
  'mapping.pair': 'pair {n} must be a mapping of keys to values',
  'mapping.answer': 'answer {n} must be a mapping of keys to values',
  'mapping.review': '"review" must be a mapping of keys to values',
  'mapping.draw': '"draw" must be a mapping of keys to values',
  'unknownKey.file': 'unknown key "{key}" in {file} (allowed: {allowed})',
  'unknownKey.frontMatter': 'unknown key "{key}" in lesson front matter (allowed: {allowed})',
  'unknownKey.question': 'unknown key "{key}" in question {n} (allowed: {allowed})',
  'unknownKey.option': 'unknown key "{key}" in option {n} (allowed: {allowed})',
  'unknownKey.case': 'unknown key "{key}" in case "{case}" (allowed: {allowed})',
  'unknownKey.pair': 'unknown key "{key}" in pair {n} (allowed: {allowed})',
  'unknownKey.answer': 'unknown key "{key}" in answer {n} (allowed: {allowed})',
  'unknownKey.review': 'unknown key "{key}" in "review" (allowed: {allowed})',
  'unknownKey.draw': 'unknown key "{key}" in "draw" (allowed: {allowed})',
  requiredKey: 'missing required key "{key}"',
  emptyText: '"{key}" must be non-empty text',
  tooLong: '"{key}" is longer than {max} characters',
  wholeNumber: '"{key}" must be a whole number from {min} to {max}',
  boolean: '"{key}" must be true or false',
  number: '"{key}" must be a number from {min} to {max}',
  list: '"{key}" must be a list',
  nonEmptyList: '"{key}" must be a non-empty list',
  listItemText: 'each item of "{key}" must be non-empty text',
  listItemSlug: '"{item}" in "{key}" must be lower-case letters, digits and hyphens',
  listItemApplicationNumber: '"{item}" in "{key}" must have the form NNNNN/YY',
  folderNotSlug: 'course folder name "{slug}" must be lower-case letters, digits and hyphens',
  language: '"language" must be one of: {allowed}',
  audience: 'audience "{value}" must be one of: {allowed}',
  cleHoursMapping: '"cleHours" must map CLE categories to hours',
  cleCategory: 'CLE category "{category}" must be one of: {allowed}',
  cleHoursStep: 'hours for "{category}" must be a number from 0 to 200 in steps of 0.25',
  cleHoursTotal: 'a course must carry more than 0 CLE hours',
  moduleListedTwice: 'module "{slug}" is listed twice',
  moduleNoFile: 'module "{slug}" has no {slug}/module.yaml',
  lessonSlugTwice: 'lesson slug "{slug}" is used twice in this course',
  quizSlugTwice: 'quiz slug "{slug}" is used twice in this course',
  lessonListedTwice: 'lesson "{slug}" is listed twice',
  lessonNoFile: 'lesson "{slug}" has no file {slug}.md',
  lessonNotListed: 'lesson file {file} is not listed in module.yaml "lessons"',
  frontMatterMissing: 'a lesson starts with YAML front matter between two "---" lines (title at least)',
  lessonEmpty: 'the lesson has no text after its front matter',
  lessonTextType: 'the lesson text must be text',
  notSlug: '"{value}" must be lower-case letters, digits and hyphens',
  citationUnknown: 'citation "{key}" is not in the bibliography (courses/bibliography/*.yaml)',
  quizSlug: 'quiz slug "{slug}" must be lower-case letters, digits and hyphens',
  questionId: 'question id "{id}" must be lower-case letters, digits and hyphens',
  questionIdTwice: 'question id "{id}" is used twice in this quiz',
  questionType: '"type" must be one of: {allowed}',
  trueFalseOptions: 'a true_false question gives "answer: true" or "answer: false" instead of options',
  trueFalseAnswer: 'a true_false question needs "answer: true" or "answer: false"',
  answerOnlyTrueFalse: '"answer" is only for true_false questions; mark options with "correct: true"',
  optionTwice: 'option "{text}" appears twice',
  optionsTooFew: 'a question needs at least two options',
  optionsTooMany: 'a question has at most 12 options',
  noCorrectOption: 'no option is marked "correct: true"',
  singleManyCorrect: 'a single-answer question has exactly one correct option (found {count}); use type: multiple',
  multipleAllCorrect: 'a multiple-answer question needs at least one wrong option',
  keyNotForType: '"{key}" is not used by a {type} question',
  correctFraction: '"correct: {correct}" and "fraction: {fraction}" say different things',
  singleFullMarks: 'a single-answer question needs one option worth full marks (correct: true or fraction: 1)',
  fractionsSum: 'the positive fractions of a multiple-answer question must add up to 1 (they add up to {sum})',
  pairsTooFew: 'a matching question needs at least two pairs',
  stemTwice: 'stem "{text}" appears twice',
  answersRequired: 'a {type} question needs "answers", the answers it accepts',
  answerFullMarks: 'no answer is worth full marks (fraction: 1)',
  answerTwice: 'answer "{text}" appears twice',
  questionModule: 'module "{slug}" is not a module of this course',
  reviewValue: '"{key}" must be one of: {allowed}',
  drawOneKind: '"draw" gives exactly one of "count", "perModule" or "perTag"',
  drawGroupEmpty: '"{key}" must map names to numbers of questions',
  drawTooMany: 'the draw asks for {count} questions but the quiz has {available}',
  drawTooManyIn: 'the draw asks for {count} questions of "{name}" but the quiz has {available} of them',
  drawTagOverlap: 'question "{id}" carries two tags of the draw ("{a}" and "{b}")',
  bibliographyMapping: 'a bibliography file must map case keys to entries',
  caseKey: 'case key "{key}" must be lower-case letters, digits and hyphens',
  judgmentDate: '"judgmentDate" must be a real date written YYYY-MM-DD',
  formation: '"formation" must be one of: {allowed}',
  caseConflict: 'case "{key}" is also defined in {file} with different facts',
  warnLongCorrect: 'the right option ({right} characters) is much longer than the longest wrong one ({wrong}): length gives the answer away',
  warnCorrectLongestInQuiz: 'the right option is the longest in {count} of {total} single-answer questions: a learner who picks the longest passes',
  warnAllButOneCorrect: 'all options but one of {count} are right: a learner who ticks every option but the odd one scores without knowing why',
  warnOptionNearTwice: 'option "{text}" is the same as "{other}" except for case, spaces or punctuation',
  warnAboveOption: 'option "{text}" refers to the other options ("all/none of the above"): write a full answer instead',
  warnStemHasAnswer: 'the question text contains its own right option "{text}" word for word',
  translationMissing: 'no {lang} translation: {file} is missing (the course has {courseFile})',
  translationQuestionMissing: 'question "{id}" has no {lang} translation in {file}',
  translationStale: 'the {lang} translation is stale: its source changed after it was translated (the source\'s hash is now {hash}; revise the translation, then set "sourceHash: {hash}")',
  translationNoSource: 'this translation has no source: {source} does not exist',
  translationUnknownQuestion: 'question "{id}" is not in the source quiz',
  translationOptionCount: 'the translation gives {count} option(s); the source question has {expected} (in the same order)',
  translationCourseMissing: 'the course has no {file}, so its {lang} translation files are not used',
} as const;

export type ProblemCode = keyof typeof PROBLEM_MESSAGES;
export type ProblemParams = Record<string, string | number>;

/** A problem as said: its code, the parameters a translation fills in, and the English sentence. */
export interface ProblemText {
  code: ProblemCode;
  params: ProblemParams;
  message: string;
}

export function said(code: ProblemCode, params: ProblemParams = {}): ProblemText {
  const message = PROBLEM_MESSAGES[code].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
  return { code, params, message };
}

/** Where a mapping sits, for "… must be a mapping" and "unknown key … in …". */
export type Place = { kind: 'file'; file: string } | { kind: 'frontMatter' | 'review' | 'draw' } | { kind: 'question' | 'option' | 'pair' | 'answer'; n: number } | { kind: 'case'; case: string };

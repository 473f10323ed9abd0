import { CitationResolver } from './citation-resolver';
import { AnswerSource, OptionSource, PairSource, QUESTION_TYPES, QuestionSource, QuestionType, SLUG } from './course-source';
import { Fields } from './fields';
import { said } from './problem-codes';
import { YamlSource } from './yaml-source';

type Path = (string | number)[];
const QUESTION_KEYS = ['id', 'type', 'prompt', 'options', 'answer', 'explanation', 'pairs', 'answers', 'caseSensitive', 'tags', 'module', 'scenario'] as const;
const OPTION_KEYS = ['text', 'correct', 'fraction', 'feedback'] as const;
const PAIR_KEYS = ['stem', 'match'] as const;
const ANSWER_KEYS = ['text', 'value', 'tolerance', 'fraction', 'feedback'] as const;
/** Which type-specific keys each type reads; any other is reported as not used by it. */
const USES: Record<QuestionType, string[]> = {
  single: ['options'],
  multiple: ['options'],
  true_false: ['answer'],
  matching: ['pairs', 'options'],
  short_answer: ['answers', 'caseSensitive'],
  numerical: ['answers'],
};
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** One question of a quiz.yaml; `modules` are the course's module slugs (for `module:`). */
export function readQuestion(src: YamlSource, path: Path, value: unknown, citations: CitationResolver, modules: string[]): QuestionSource | undefined {
  const f = Fields.of(src, path, value, QUESTION_KEYS, { kind: 'question', n: Number(path[1]) + 1 });
  if (!f) return undefined;
  const id = f.text('id', { required: true, max: 80 });
  if (id && !SLUG.test(id)) f.report('id', said('questionId', { id }));
  const type = f.text('type', { required: true }) as QuestionType | undefined;
  if (type && !QUESTION_TYPES.includes(type)) f.report('type', said('questionType', { allowed: QUESTION_TYPES.join(', ') }));
  const prompt = f.text('prompt', { required: true, max: 4000 });
  const explanation = f.text('explanation', { required: true, max: 4000 });
  const scenario = f.bool('scenario');
  const cites: string[] = [];
  for (const key of ['prompt', 'explanation'] as const) {
    const text = f.value[key];
    if (typeof text === 'string') {
      for (const c of citations.scan(text, (_line, problem) => f.report(key, problem))) if (!cites.includes(c)) cites.push(c);
    }
  }
  const tags = f.textList('tags', false, { test: SLUG, code: 'listItemSlug' });
  const module = f.text('module');
  if (module && !modules.includes(module)) f.report('module', said('questionModule', { slug: module }));
  if (!type || !QUESTION_TYPES.includes(type)) return undefined;
  for (const key of ['options', 'answer', 'pairs', 'answers', 'caseSensitive']) if (f.has(key) && !USES[type].includes(key)) f.report(key, key === 'answer' ? said('answerOnlyTrueFalse') : key === 'options' && type === 'true_false' ? said('trueFalseOptions') : said('keyNotForType', { key, type }));
  const body = readBody(src, f, path, type);
  if (!id || !prompt || !explanation || !body) return undefined;
  return { id, type, prompt, explanation, ...body, ...(tags?.length ? { tags } : {}), ...(module ? { module } : {}), ...(scenario ? { scenario } : {}), cites };
}

type Body = Pick<QuestionSource, 'options' | 'answer' | 'pairs' | 'answers' | 'caseSensitive'>;

function readBody(src: YamlSource, f: Fields, path: Path, type: QuestionType): Body | undefined {
  if (type === 'true_false') {
    const answer = f.bool('answer');
    if (answer === undefined && !f.has('answer')) f.report('type', said('trueFalseAnswer'));
    return answer === undefined ? undefined : { options: [], answer };
  }
  if (type === 'single' || type === 'multiple') return { options: readOptions(src, f, path, type, true) };
  if (type === 'matching') {
    const pairs = readPairs(src, f, path);
    return { options: f.has('options') ? readOptions(src, f, path, type, false) : [], pairs };
  }
  const answers = readAnswers(src, f, path, type);
  const caseSensitive = type === 'short_answer' ? f.bool('caseSensitive') : undefined;
  return { options: [], answers, ...(caseSensitive ? { caseSensitive } : {}) };
}

function readOptions(src: YamlSource, f: Fields, path: Path, type: QuestionType, choice: boolean): OptionSource[] {
  const raw = f.list('options', choice) ?? [];
  const options: OptionSource[] = [];
  raw.forEach((o, j) => {
    const of = Fields.of(src, [...path, 'options', j], o, choice ? OPTION_KEYS : ['text'], { kind: 'option', n: j + 1 });
    const text = of?.text('text', { required: true, max: 1000 });
    if (!of || text === undefined) return;
    const fraction = choice ? of.num('fraction', -1, 1) : undefined;
    const said_ = of.bool('correct');
    const feedback = choice ? of.text('feedback', { max: 2000 }) : undefined;
    const correct = fraction === undefined ? said_ ?? false : type === 'single' ? close(fraction, 1) : fraction > 0;
    if (said_ !== undefined && fraction !== undefined && said_ !== correct) of.report('correct', said('correctFraction', { correct: String(said_), fraction }));
    if (options.some((x) => x.text === text)) src.report([...path, 'options', j], said('optionTwice', { text }));
    options.push({ text, correct, ...(fraction !== undefined ? { fraction } : {}), ...(feedback ? { feedback } : {}) });
  });
  if (!choice) return options;
  if (raw.length > 0 && raw.length < 2) f.report('options', said('optionsTooFew'));
  if (options.length > 12) f.report('options', said('optionsTooMany'));
  if (options.length !== raw.length || raw.length < 2) return options;
  const correct = options.filter((o) => o.correct).length;
  const weighted = options.some((o) => o.fraction !== undefined);
  if (type === 'single' && weighted && correct === 0) f.report('options', said('singleFullMarks'));
  else if (correct === 0) f.report('options', said('noCorrectOption'));
  else if (type === 'single' && correct > 1) f.report('options', said('singleManyCorrect', { count: correct }));
  else if (type === 'multiple' && correct === options.length) f.report('options', said('multipleAllCorrect'));
  if (type === 'multiple' && weighted) {
    const sum = options.reduce((s, o) => s + Math.max(0, o.fraction ?? 0), 0);
    if (!close(sum, 1) && Math.abs(sum - 1) > 0.001) f.report('options', said('fractionsSum', { sum: Math.round(sum * 10000) / 10000 }));
  }
  return options;
}

function readPairs(src: YamlSource, f: Fields, path: Path): PairSource[] {
  const raw = f.list('pairs', true) ?? [];
  const pairs: PairSource[] = [];
  raw.forEach((p, j) => {
    const pf = Fields.of(src, [...path, 'pairs', j], p, PAIR_KEYS, { kind: 'pair', n: j + 1 });
    const stem = pf?.text('stem', { required: true, max: 1000 });
    const match = pf?.text('match', { required: true, max: 1000 });
    if (stem === undefined || match === undefined) return;
    if (pairs.some((x) => x.stem === stem)) src.report([...path, 'pairs', j], said('stemTwice', { text: stem }));
    pairs.push({ stem, match });
  });
  if (raw.length > 0 && raw.length < 2) f.report('pairs', said('pairsTooFew'));
  if (raw.length > 12) f.report('pairs', said('optionsTooMany'));
  return pairs;
}

function readAnswers(src: YamlSource, f: Fields, path: Path, type: 'short_answer' | 'numerical'): AnswerSource[] {
  const raw = f.list('answers');
  if (!raw || raw.length === 0) {
    if (!f.has('answers')) f.report('type', said('answersRequired', { type }));
    else f.report('answers', said('nonEmptyList', { key: 'answers' }));
    return [];
  }
  const answers: AnswerSource[] = [];
  raw.forEach((a, j) => {
    const af = Fields.of(src, [...path, 'answers', j], a, type === 'numerical' ? ANSWER_KEYS.filter((k) => k !== 'text') : ANSWER_KEYS.filter((k) => k !== 'value' && k !== 'tolerance'), { kind: 'answer', n: j + 1 });
    if (!af) return;
    const fraction = af.num('fraction', 0, 1) ?? 1;
    const feedback = af.text('feedback', { max: 2000 });
    const extra = { fraction, ...(feedback ? { feedback } : {}) };
    if (type === 'short_answer') {
      const text = af.text('text', { required: true, max: 500 });
      if (text === undefined) return;
      if (answers.some((x) => x.text === text)) src.report([...path, 'answers', j], said('answerTwice', { text }));
      answers.push({ text, ...extra });
    } else {
      const value = af.num('value', -1e15, 1e15, true);
      const tolerance = af.num('tolerance', 0, 1e15);
      if (value === undefined) return;
      answers.push({ value, ...(tolerance ? { tolerance } : {}), ...extra });
    }
  });
  if (answers.length === raw.length && !answers.some((a) => close(a.fraction, 1))) f.report('answers', said('answerFullMarks'));
  if (raw.length > 20) f.report('answers', said('optionsTooMany'));
  return answers;
}

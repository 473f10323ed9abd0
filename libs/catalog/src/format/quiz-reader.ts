import * as fs from 'node:fs';
import { CitationResolver } from './citation-resolver';
import { OptionSource, Problem, QUESTION_TYPES, QuestionSource, QuestionType, QuizSource, SLUG } from './course-source';
import { Fields } from './fields';
import { correctLongestInQuiz, ItemWarning, questionWarnings } from './item-writing';
import { said } from './problem-codes';
import { YamlSource } from './yaml-source';

const QUIZ_KEYS = ['slug', 'title', 'passMark', 'maxAttempts', 'timeLimitMinutes', 'questions'] as const;
const QUESTION_KEYS = ['id', 'type', 'prompt', 'options', 'answer', 'explanation'] as const;
const OPTION_KEYS = ['text', 'correct'] as const;

/** `warnings` receives the item-writing checks (item-writing.ts): they do not make the quiz invalid. */
export function readQuiz(file: string, defaultSlug: string, citations: CitationResolver, problems: Problem[], warnings: Problem[] = []): QuizSource | undefined {
  const src = new YamlSource(file, fs.readFileSync(file, 'utf8'), problems);
  if (src.data === undefined) return undefined;
  const f = Fields.of(src, [], src.data, QUIZ_KEYS, { kind: 'file', file: 'quiz.yaml' });
  if (!f) return undefined;
  const slug = f.text('slug') ?? defaultSlug;
  if (!SLUG.test(slug)) f.report('slug', said('quizSlug', { slug }));
  const title = f.text('title', { required: true, max: 200 });
  const passMark = f.int('passMark', 1, 100, true);
  const maxAttempts = f.int('maxAttempts', 1, 20, true);
  const timeLimitMinutes = f.int('timeLimitMinutes', 1, 600);
  const items = f.list('questions', true) ?? [];
  const questions: QuestionSource[] = [];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const q = readQuestion(src, ['questions', i], item, citations);
    if (!q) return;
    if (ids.has(q.id)) return src.report(['questions', i, 'id'], said('questionIdTwice', { id: q.id }));
    ids.add(q.id);
    questions.push(q);
    warn(src, warnings, ['questions', i], questionWarnings(q));
  });
  warn(src, warnings, [], correctLongestInQuiz(questions));
  if (!title || passMark === undefined || maxAttempts === undefined) return undefined;
  return { slug, title, passMark, maxAttempts, ...(timeLimitMinutes ? { timeLimitMinutes } : {}), questions };
}

function readQuestion(src: YamlSource, path: (string | number)[], value: unknown, citations: CitationResolver): QuestionSource | undefined {
  const f = Fields.of(src, path, value, QUESTION_KEYS, { kind: 'question', n: Number(path[1]) + 1 });
  if (!f) return undefined;
  const id = f.text('id', { required: true, max: 80 });
  if (id && !SLUG.test(id)) f.report('id', said('questionId', { id }));
  const type = f.text('type', { required: true }) as QuestionType | undefined;
  if (type && !QUESTION_TYPES.includes(type)) f.report('type', said('questionType', { allowed: QUESTION_TYPES.join(', ') }));
  const prompt = f.text('prompt', { required: true, max: 4000 });
  const explanation = f.text('explanation', { required: true, max: 4000 });
  const cites: string[] = [];
  for (const key of ['prompt', 'explanation'] as const) {
    const text = f.value[key];
    if (typeof text === 'string') {
      for (const c of citations.scan(text, (_line, problem) => f.report(key, problem))) if (!cites.includes(c)) cites.push(c);
    }
  }
  let options: OptionSource[] = [];
  let answer: boolean | undefined;
  if (type === 'true_false') {
    if (f.has('options')) f.report('options', said('trueFalseOptions'));
    answer = f.bool('answer');
    if (answer === undefined && !f.has('answer')) f.report('type', said('trueFalseAnswer'));
  } else if (type === 'single' || type === 'multiple') {
    if (f.has('answer')) f.report('answer', said('answerOnlyTrueFalse'));
    const raw = f.list('options', true) ?? [];
    raw.forEach((o, j) => {
      const of = Fields.of(src, [...path, 'options', j], o, OPTION_KEYS, { kind: 'option', n: j + 1 });
      const text = of?.text('text', { required: true, max: 1000 });
      const correct = of?.bool('correct') ?? false;
      if (text !== undefined) {
        if (options.some((x) => x.text === text)) src.report([...path, 'options', j], said('optionTwice', { text }));
        options.push({ text, correct });
      }
    });
    if (raw.length > 0 && raw.length < 2) f.report('options', said('optionsTooFew'));
    if (options.length > 12) f.report('options', said('optionsTooMany'));
    const correct = options.filter((o) => o.correct).length;
    if (options.length === raw.length && raw.length >= 2) {
      if (correct === 0) f.report('options', said('noCorrectOption'));
      else if (type === 'single' && correct > 1) f.report('options', said('singleManyCorrect', { count: correct }));
      else if (type === 'multiple' && correct === options.length) f.report('options', said('multipleAllCorrect'));
    }
  }
  if (!id || !type || !QUESTION_TYPES.includes(type) || !prompt || !explanation) return undefined;
  return { id, type, prompt, explanation, options, ...(answer !== undefined ? { answer } : {}), cites };
}

function warn(src: YamlSource, warnings: Problem[], base: (string | number)[], found: ItemWarning[]): void {
  for (const w of found) warnings.push({ file: src.file, line: src.lineOf([...base, ...w.at]), ...w.text });
}

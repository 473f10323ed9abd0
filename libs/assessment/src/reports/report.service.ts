import { Injectable } from '@nestjs/common';
import { notFound } from '@themis/core';
import { csvRows } from './csv';
import { ReportRepository } from './report.repository';
import { CourseReport, QuestionRow } from './report.types';

const round = (n: number | null, digits = 3) => (n === null || n === undefined ? null : Math.round(Number(n) * 10 ** digits) / 10 ** digits);

export function questionFlags(difficulty: number | null, discrimination: number | null): QuestionRow['flags'] {
  const flags: QuestionRow['flags'] = [];
  if (difficulty !== null && difficulty > 0.9) flags.push('too_easy');
  if (difficulty !== null && difficulty < 0.3) flags.push('too_hard');
  if (discrimination !== null && discrimination < 0) flags.push('negative_discrimination');
  else if (discrimination !== null && discrimination < 0.2) flags.push('low_discrimination');
  return flags;
}

/** Most in need of a look first: negative discrimination, then lowest discrimination, then most flags. */
const needsLook = (a: QuestionRow, b: QuestionRow) =>
  (a.discrimination ?? Infinity) - (b.discrimination ?? Infinity) || b.flags.length - a.flags.length || a.quiz.localeCompare(b.quiz) || a.id.localeCompare(b.id);

/** Course, quiz and question reports for trainers, with a CSV of each; computed fresh on every request (no cache: tallies keep it cheap). */
@Injectable()
export class ReportService {
  constructor(private readonly reports: ReportRepository) {}

  async courseReport(slug: string, version?: number): Promise<CourseReport> {
    const v = await this.reports.version(slug, version);
    if (!v) throw notFound('Course version');
    const [enrolment, lessons, quizzes, questions, versions] = await Promise.all([
      this.reports.enrolment(v.id), this.reports.lessonTimes(v.id), this.reports.quizzes(v.id), this.reports.questions(v.id), this.reports.versions(slug),
    ]);
    return {
      slug,
      version: v.version,
      title: v.title,
      versions,
      enrolments: enrolment.enrolments,
      started: enrolment.started,
      completed: enrolment.completed,
      completionRate: enrolment.enrolments ? round(enrolment.completed / enrolment.enrolments) : null,
      medianSecondsToComplete: round(enrolment.median_seconds, 0),
      lessons: lessons.map((l) => ({ slug: l.slug, title: l.title, completions: l.completions, medianSecondsOnTask: round(l.median, 0), averageSecondsOnTask: round(l.average, 0) })),
      quizzes: quizzes.map((q) => ({
        slug: q.slug, title: q.title, passMark: q.pass_mark, attempts: q.attempts, attemptsPassed: q.passed,
        passRate: q.attempts ? round(q.passed / q.attempts) : null,
        learners: q.learners, learnersPassed: q.learners_passed,
        learnerPassRate: q.learners ? round(q.learners_passed / q.learners) : null,
        averageScore: round(q.average, 1),
        scoreDistribution: (q.bands ?? []).map((n, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, attempts: n })),
      })),
      questions: questions
        .map((q) => {
          const difficulty = q.answered ? round(q.correct / q.answered) : null;
          const discrimination = q.upper !== null && q.lower !== null ? round(q.upper - q.lower) : null;
          return { quiz: q.quiz, id: q.id, prompt: q.prompt, answered: q.answered, difficulty, discrimination, flags: questionFlags(difficulty, discrimination) };
        })
        .sort(needsLook),
    };
  }

  /** One CSV with a section per table, so a trainer gets the whole report in one download. */
  async courseReportCsv(slug: string, version?: number): Promise<{ filename: string; body: string }> {
    const r = await this.courseReport(slug, version);
    const rows: unknown[][] = [
      ['course', 'version', 'title', 'enrolments', 'started', 'completed', 'completion_rate', 'median_seconds_to_complete'],
      [r.slug, r.version, r.title, r.enrolments, r.started, r.completed, r.completionRate, r.medianSecondsToComplete],
      [],
      ['lesson', 'title', 'completions', 'median_seconds_on_task', 'average_seconds_on_task'],
      ...r.lessons.map((l) => [l.slug, l.title, l.completions, l.medianSecondsOnTask, l.averageSecondsOnTask]),
      [],
      ['quiz', 'title', 'pass_mark', 'attempts', 'learners', 'pass_rate_per_attempt', 'average_score', ...Array.from({ length: 10 }, (_, i) => `score_${i * 10}_${i === 9 ? 100 : i * 10 + 9}`), 'attempts_passed', 'learners_passed', 'pass_rate_per_learner'],
      ...r.quizzes.map((q) => [q.slug, q.title, q.passMark, q.attempts, q.learners, q.passRate, q.averageScore, ...q.scoreDistribution.map((b) => b.attempts), q.attemptsPassed, q.learnersPassed, q.learnerPassRate]),
      [],
      ['quiz', 'question', 'prompt', 'answered', 'difficulty', 'discrimination', 'flags'],
      ...r.questions.map((q) => [q.quiz, q.id, q.prompt, q.answered, q.difficulty, q.discrimination, q.flags.join(' ')]),
    ];
    return { filename: `${slug}-v${r.version}-report.csv`, body: csvRows(rows) };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Aggregates over one course version for the trainer report. Nothing here scans a version's attempts:
 * quiz and question figures come from tallies kept by grading (ReportTallies), lesson times from an index.
 */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The version asked for; without one, the newest version anyone is enrolled in, else the current one
   * (a version just published has nobody on it, and its empty report is not what a trainer opens the page for).
   */
  async version(slug: string, version?: number): Promise<{ id: string; version: number; title: string } | null> {
    const rows = await this.db.query(
      `SELECT v.id, v.version, v.title FROM course_versions v JOIN courses c ON c.id = v.course_id
        WHERE c.slug = $1 AND ($2::int IS NULL OR v.version = $2::int)
        ORDER BY ($2::int IS NULL AND EXISTS (SELECT 1 FROM enrollments e WHERE e.version_id = v.id)) DESC,
                 (v.id = c.current_version_id) DESC, v.version DESC
        LIMIT 1`, [slug, version ?? null]);
    return rows[0] ?? null;
  }

  /** Every version of the course, newest first, with its enrolment count: what the report can be chosen for. */
  versions(slug: string): Promise<{ version: number; enrolments: number; current: boolean }[]> {
    return this.db.query(
      `SELECT v.version, (SELECT count(*)::int FROM enrollments e WHERE e.version_id = v.id) AS enrolments, (v.id = c.current_version_id) AS current
         FROM course_versions v JOIN courses c ON c.id = v.course_id
        WHERE c.slug = $1 ORDER BY v.version DESC`, [slug]);
  }

  /** "Started" is enrollments.started_at, set by the first lesson visit or quiz attempt (no scan of either). */
  async enrolment(versionId: string): Promise<{ enrolments: number; started: number; completed: number; median_seconds: number | null }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS enrolments, count(e.started_at)::int AS started, count(e.completed_at)::int AS completed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.completed_at - e.enrolled_at)) AS median_seconds
         FROM enrollments e WHERE e.version_id = $1`, [versionId]);
    return { ...row, median_seconds: row.median_seconds === null ? null : Number(row.median_seconds) };
  }

  /**
   * Count, average and median per lesson, all read from the (lesson_id, seconds_on_task) index:
   * the median is the middle one or two values found by OFFSET in index order, which is what
   * percentile_cont(0.5) gives without sorting tens of thousands of rows per lesson.
   */
  lessonTimes(versionId: string): Promise<{ slug: string; title: string; completions: number; median: number | null; average: number | null }[]> {
    return this.db.query(
      `SELECT l.slug, l.title, s.completions, m.median, s.average
         FROM lessons l
        CROSS JOIN LATERAL (SELECT count(*)::int AS completions, count(seconds_on_task)::int AS timed, avg(seconds_on_task)::float8 AS average
                              FROM lesson_completions WHERE lesson_id = l.id) s
        CROSS JOIN LATERAL (SELECT avg(seconds_on_task)::float8 AS median
                              FROM (SELECT seconds_on_task FROM lesson_completions WHERE lesson_id = l.id AND seconds_on_task IS NOT NULL
                                     ORDER BY seconds_on_task OFFSET (s.timed - 1) / 2 LIMIT 2 - s.timed % 2) middle) m
        WHERE l.version_id = $1 ORDER BY l.position`, [versionId]);
  }

  /** From quiz_score_tallies (one row per quiz and score): attempts, learners, pass count, average and bands. */
  quizzes(versionId: string): Promise<{ id: string; slug: string; title: string; pass_mark: number; attempts: number; learners: number; passed: number; learners_passed: number; average: number | null; bands: number[] | null }[]> {
    return this.db.query(
      `SELECT q.id, q.slug, q.title, q.pass_mark,
              coalesce(sum(t.attempts), 0)::int AS attempts, coalesce(sum(t.first_submissions), 0)::int AS learners,
              coalesce(sum(t.passed), 0)::int AS passed,
              (SELECT count(*)::int FROM quiz_passes p WHERE p.quiz_id = q.id) AS learners_passed,
              (sum(t.score::bigint * t.attempts)::numeric / nullif(sum(t.attempts), 0))::float8 AS average,
              (SELECT array_agg(coalesce(b.n, 0) ORDER BY g.band) FROM generate_series(0, 9) g(band)
                 LEFT JOIN (SELECT least(score / 10, 9) AS band, sum(attempts)::int AS n FROM quiz_score_tallies
                             WHERE quiz_id = q.id GROUP BY 1) b ON b.band = g.band) AS bands
         FROM quizzes q
         JOIN course_modules m ON m.id = q.module_id
         LEFT JOIN quiz_score_tallies t ON t.quiz_id = q.id
        WHERE q.version_id = $1 GROUP BY q.id, m.position ORDER BY m.position`, [versionId]);
  }

  /**
   * Per question: how many answered it and how many right, and the correct rate in the top and
   * bottom 27% of submitted attempts ranked by score (k = ceil(0.27 n) attempts each; the bottom
   * group never takes attempts of the top one, so it has min(k, n - k)). Read from the tallies:
   * walking a quiz's score levels from the top, cumulative attempt counts say which levels fall in
   * each group. Where a cut falls inside one score level, that level counts with the share of its
   * attempts the group needs (e.g. 3 of its 6 attempts → its answers weigh 0.5): attempts with the
   * same score cannot be told apart, so each counts equally rather than by an arbitrary tie-break.
   */
  questions(versionId: string): Promise<{ quiz: string; id: string; prompt: string; position: number; answered: number; correct: number; upper: number | null; lower: number | null }[]> {
    return this.db.query(
      `WITH levels AS (
         SELECT t.quiz_id, t.score, t.attempts,
                sum(t.attempts) OVER (PARTITION BY t.quiz_id ORDER BY t.score DESC) - t.attempts AS above,
                sum(t.attempts) OVER (PARTITION BY t.quiz_id) AS n
           FROM quiz_score_tallies t JOIN quizzes q ON q.id = t.quiz_id
          WHERE q.version_id = $1 AND t.attempts > 0
       ), cuts AS (
         SELECT quiz_id, score, attempts, above, n - above - attempts AS below, ceil(0.27 * n) AS k, n FROM levels
       ), shares AS (
         SELECT quiz_id, score,
                greatest(0, least(attempts, k - above)) / attempts AS upper_share,
                greatest(0, least(attempts, least(k, n - k) - below)) / attempts AS lower_share
           FROM cuts
       )
       SELECT q.slug AS quiz, qq.key AS id, qq.prompt, qq.position,
              coalesce(sum(x.answered), 0)::int AS answered, coalesce(sum(x.correct), 0)::int AS correct,
              (sum(x.correct * s.upper_share) / nullif(sum(x.answered * s.upper_share), 0))::float8 AS upper,
              (sum(x.correct * s.lower_share) / nullif(sum(x.answered * s.lower_share), 0))::float8 AS lower
         FROM quizzes q JOIN quiz_questions qq ON qq.quiz_id = q.id
         LEFT JOIN question_score_tallies x ON x.quiz_id = q.id AND x.question_id = qq.id
         LEFT JOIN shares s ON s.quiz_id = x.quiz_id AND s.score = x.score
        WHERE q.version_id = $1
        GROUP BY q.slug, qq.id ORDER BY q.slug, qq.position`, [versionId]);
  }
}

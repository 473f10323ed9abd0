import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Aggregates over one course version, done in the database so they stay fast at tens of thousands of enrolments. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async version(slug: string, version?: number): Promise<{ id: string; version: number; title: string } | null> {
    const rows = await this.db.query(
      `SELECT v.id, v.version, v.title FROM course_versions v JOIN courses c ON c.id = v.course_id
        WHERE c.slug = $1 AND ($2::int IS NULL AND v.id = c.current_version_id OR v.version = $2::int)`, [slug, version ?? null]);
    return rows[0] ?? null;
  }

  async enrolment(versionId: string): Promise<{ enrolments: number; started: number; completed: number; median_seconds: number | null }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS enrolments,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM lesson_visits lv WHERE lv.enrollment_id = e.id)
                                  OR EXISTS (SELECT 1 FROM quiz_attempts qa WHERE qa.enrollment_id = e.id))::int AS started,
              count(e.completed_at)::int AS completed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.completed_at - e.enrolled_at)) AS median_seconds
         FROM enrollments e WHERE e.version_id = $1`, [versionId]);
    return { ...row, median_seconds: row.median_seconds === null ? null : Number(row.median_seconds) };
  }

  lessonTimes(versionId: string): Promise<{ slug: string; title: string; completions: number; median: number | null; average: number | null }[]> {
    return this.db.query(
      `SELECT l.slug, l.title, count(lc.lesson_id)::int AS completions,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lc.seconds_on_task) AS median,
              avg(lc.seconds_on_task)::float8 AS average
         FROM lessons l LEFT JOIN lesson_completions lc ON lc.lesson_id = l.id
        WHERE l.version_id = $1 GROUP BY l.id ORDER BY l.position`, [versionId]);
  }

  quizzes(versionId: string): Promise<{ id: string; slug: string; title: string; pass_mark: number; attempts: number; learners: number; passed: number; average: number | null; bands: number[] | null }[]> {
    return this.db.query(
      `SELECT q.id, q.slug, q.title, q.pass_mark,
              count(a.id)::int AS attempts, count(DISTINCT a.enrollment_id)::int AS learners,
              count(a.id) FILTER (WHERE a.passed)::int AS passed, avg(a.score)::float8 AS average,
              (SELECT array_agg(coalesce(b.n, 0) ORDER BY g.band) FROM generate_series(0, 9) g(band)
                 LEFT JOIN (SELECT least(score / 10, 9) AS band, count(*)::int AS n FROM quiz_attempts
                             WHERE quiz_id = q.id AND submitted_at IS NOT NULL GROUP BY 1) b ON b.band = g.band) AS bands
         FROM quizzes q
         JOIN course_modules m ON m.id = q.module_id
         LEFT JOIN quiz_attempts a ON a.quiz_id = q.id AND a.submitted_at IS NOT NULL
        WHERE q.version_id = $1 GROUP BY q.id, m.position ORDER BY m.position`, [versionId]);
  }

  /**
   * Per question: how many answered it right overall, and in the top and bottom 27% of submitted
   * attempts ranked by score (ties broken by attempt id, so the split is deterministic).
   */
  questions(versionId: string): Promise<{ quiz: string; id: string; prompt: string; position: number; answered: number; correct: number; upper: number | null; lower: number | null }[]> {
    return this.db.query(
      `WITH ranked AS (
         SELECT a.quiz_id, a.results,
                row_number() OVER (PARTITION BY a.quiz_id ORDER BY a.score DESC, a.id) AS rn,
                count(*) OVER (PARTITION BY a.quiz_id) AS n
           FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id
          WHERE q.version_id = $1 AND a.submitted_at IS NOT NULL AND a.results IS NOT NULL
       ), grouped AS (
         SELECT quiz_id, results,
                CASE WHEN rn <= ceil(0.27 * n) THEN 'upper' WHEN rn > n - ceil(0.27 * n) THEN 'lower' END AS grp
           FROM ranked
       ), answers AS (
         SELECT g.quiz_id, r ->> 'questionId' AS question_id, (r ->> 'correct')::boolean AS correct, g.grp
           FROM grouped g, jsonb_array_elements(g.results) r
       )
       SELECT q.slug AS quiz, qq.key AS id, qq.prompt, qq.position,
              count(x.correct)::int AS answered, count(*) FILTER (WHERE x.correct)::int AS correct,
              avg(x.correct::int) FILTER (WHERE x.grp = 'upper')::float8 AS upper,
              avg(x.correct::int) FILTER (WHERE x.grp = 'lower')::float8 AS lower
         FROM quizzes q JOIN quiz_questions qq ON qq.quiz_id = q.id
         LEFT JOIN answers x ON x.quiz_id = q.id AND x.question_id = qq.id::text
        WHERE q.version_id = $1
        GROUP BY q.slug, qq.id ORDER BY q.slug, qq.position`, [versionId]);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tallies for the trainer report, so it no longer scans a version's attempts: quiz_score_tallies
 * and question_score_tallies (kept by grading, see ReportTallies), enrollments.started_at (set by
 * the first lesson visit or quiz attempt), and seconds on task in the lesson_completions index.
 * Everything is backfilled from the existing rows, so an upgraded database reports the same numbers.
 */
export class ReportTallies1795353726293 implements MigrationInterface {
  name = 'ReportTallies1795353726293';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "quiz_score_tallies" ("quiz_id" uuid NOT NULL, "score" integer NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "passed" integer NOT NULL DEFAULT '0', "first_submissions" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_b7813729c12a66803d14dfee027" PRIMARY KEY ("quiz_id", "score"))`);
    await queryRunner.query(`CREATE TABLE "question_score_tallies" ("quiz_id" uuid NOT NULL, "question_id" uuid NOT NULL, "score" integer NOT NULL, "answered" integer NOT NULL DEFAULT '0', "correct" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_cfb878ea77ce718ab29da09b6bd" PRIMARY KEY ("quiz_id", "question_id", "score"))`);
    await queryRunner.query(`ALTER TABLE "enrollments" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "lesson_completions_lesson_seconds_idx" ON "lesson_completions" ("lesson_id", "seconds_on_task") `);
    await queryRunner.query(`DROP INDEX "public"."lesson_completions_lesson_idx"`);
    await queryRunner.query(`ALTER TABLE "quiz_score_tallies" ADD CONSTRAINT "FK_c0492d2095038ef8be75ee14531" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "question_score_tallies" ADD CONSTRAINT "FK_ebe1751c0b7ec4e5a9cfa09e5f9" FOREIGN KEY ("question_id") REFERENCES "quiz_questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await ReportTallies1795353726293.backfill(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "question_score_tallies" DROP CONSTRAINT "FK_ebe1751c0b7ec4e5a9cfa09e5f9"`);
    await queryRunner.query(`ALTER TABLE "quiz_score_tallies" DROP CONSTRAINT "FK_c0492d2095038ef8be75ee14531"`);
    await queryRunner.query(`CREATE INDEX "lesson_completions_lesson_idx" ON "lesson_completions" ("lesson_id") `);
    await queryRunner.query(`DROP INDEX "public"."lesson_completions_lesson_seconds_idx"`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "started_at"`);
    await queryRunner.query(`DROP TABLE "question_score_tallies"`);
    await queryRunner.query(`DROP TABLE "quiz_score_tallies"`);
  }

  /**
   * Fills empty tallies and started_at from the rows as they are (static for the test that
   * checks a backfill reports what grading kept). Writers wait meanwhile, so nothing is missed.
   */
  static async backfill(queryRunner: { query(sql: string): Promise<unknown> }): Promise<void> {
    await queryRunner.query(`LOCK TABLE quiz_attempts, lesson_visits IN SHARE MODE`);
    await queryRunner.query(
      `UPDATE enrollments e SET started_at = s.first_at
         FROM (SELECT enrollment_id, min(at) AS first_at
                 FROM (SELECT enrollment_id, first_opened_at AS at FROM lesson_visits UNION ALL SELECT enrollment_id, started_at FROM quiz_attempts) activity
                GROUP BY enrollment_id) s
        WHERE e.id = s.enrollment_id AND e.started_at IS NULL`,
    );
    // Each enrolment's earliest submission of a quiz counts once in first_submissions: summed, the learners.
    await queryRunner.query(
      `INSERT INTO quiz_score_tallies (quiz_id, score, attempts, passed, first_submissions)
       SELECT quiz_id, score, count(*), count(*) FILTER (WHERE passed), count(*) FILTER (WHERE first)
         FROM (SELECT quiz_id, score, passed, row_number() OVER (PARTITION BY enrollment_id, quiz_id ORDER BY submitted_at, number) = 1 AS first
                 FROM quiz_attempts WHERE submitted_at IS NOT NULL AND score IS NOT NULL) a
        GROUP BY quiz_id, score`,
    );
    // Only results naming a question of the attempt's quiz, as the report has always counted them.
    await queryRunner.query(
      `INSERT INTO question_score_tallies (quiz_id, question_id, score, answered, correct)
       SELECT a.quiz_id, qq.id, a.score, count((r ->> 'correct')::boolean), count(*) FILTER (WHERE (r ->> 'correct')::boolean)
         FROM quiz_attempts a
        CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.results) = 'array' THEN a.results ELSE '[]' END) r
         JOIN quiz_questions qq ON qq.quiz_id = a.quiz_id AND qq.id::text = r ->> 'questionId'
        WHERE a.submitted_at IS NOT NULL AND a.score IS NOT NULL
        GROUP BY a.quiz_id, qq.id, a.score`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: a quiz's review policy and per-attempt draw, type-specific question data (matching,
 * short answer, numerical, weights), a course's "lessons before the module's quiz" option,
 * answers saved during an attempt and who or what submitted it, one study clock per learner with
 * the seconds each lesson accrued on it, and extra attempts or time granted with a reason.
 */
export class QuizPoliciesAndStudyClock1796191379809 implements MigrationInterface {
  name = 'QuizPoliciesAndStudyClock1796191379809';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quizzes" ADD "review" jsonb`);
    await queryRunner.query(`ALTER TABLE "quizzes" ADD "draw" jsonb`);
    await queryRunner.query(`ALTER TABLE "quiz_questions" ADD "spec" jsonb`);
    await queryRunner.query(`ALTER TABLE "course_versions" ADD "lessons_before_quiz" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" ADD "saved_answers" jsonb`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" ADD "saved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" ADD "submitted_by" character varying(16)`);
    await queryRunner.query(`CREATE INDEX "quiz_attempts_open_expiry_idx" ON "quiz_attempts" ("expires_at") WHERE submitted_at IS NULL AND expires_at IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "lesson_visits" ADD "seconds_accrued" integer NOT NULL DEFAULT '0'`);
    // Time before this migration was counted from the first opening, as it was then.
    await queryRunner.query(`UPDATE lesson_visits SET seconds_accrued = LEAST(7200, extract(epoch FROM now() - first_opened_at)::int)`);
    await queryRunner.query(
      `CREATE TABLE "study_clocks" ("user_id" uuid NOT NULL, "enrollment_id" uuid, "lesson_id" uuid, "since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_study_clocks" PRIMARY KEY ("user_id"),
        CONSTRAINT "FK_study_clocks_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_study_clocks_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_study_clocks_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "quiz_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "quiz_id" uuid NOT NULL,
        "extra_attempts" integer NOT NULL DEFAULT '0', "extra_seconds" integer NOT NULL DEFAULT '0', "attempt_id" uuid, "reason" text NOT NULL,
        "granted_by" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_quiz_grants" PRIMARY KEY ("id"),
        CONSTRAINT "quiz_grants_something" CHECK (extra_attempts > 0 OR extra_seconds > 0),
        CONSTRAINT "FK_quiz_grants_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_quiz_grants_quiz" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_quiz_grants_attempt" FOREIGN KEY ("attempt_id") REFERENCES "quiz_attempts"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_quiz_grants_granted_by" FOREIGN KEY ("granted_by") REFERENCES "users"("id") ON DELETE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "quiz_grants_enrollment_quiz_idx" ON "quiz_grants" ("enrollment_id", "quiz_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "quiz_grants"`);
    await queryRunner.query(`DROP TABLE "study_clocks"`);
    await queryRunner.query(`ALTER TABLE "lesson_visits" DROP COLUMN "seconds_accrued"`);
    await queryRunner.query(`DROP INDEX "public"."quiz_attempts_open_expiry_idx"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP COLUMN "submitted_by"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP COLUMN "saved_at"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP COLUMN "saved_answers"`);
    await queryRunner.query(`ALTER TABLE "course_versions" DROP COLUMN "lessons_before_quiz"`);
    await queryRunner.query(`ALTER TABLE "quiz_questions" DROP COLUMN "spec"`);
    await queryRunner.query(`ALTER TABLE "quizzes" DROP COLUMN "draw"`);
    await queryRunner.query(`ALTER TABLE "quizzes" DROP COLUMN "review"`);
  }
}

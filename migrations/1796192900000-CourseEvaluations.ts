import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Course evaluations (libs/evaluation, issue 21): evaluation_submissions records who submitted a
 * version's form; evaluation_responses holds what was answered, with no user, no time finer than a
 * month and a random id; evaluation_response_pool holds responses until a batch is released in
 * random order. No foreign key or column joins a response to a submission.
 */
export class CourseEvaluations1796192900000 implements MigrationInterface {
  name = 'CourseEvaluations1796192900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "evaluation_submissions" ("user_id" uuid NOT NULL, "course_version_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_evaluation_submissions" PRIMARY KEY ("user_id", "course_version_id"))`);
    await queryRunner.query(`CREATE INDEX "evaluation_submissions_version_idx" ON "evaluation_submissions" ("course_version_id")`);
    await queryRunner.query(`ALTER TABLE "evaluation_submissions" ADD CONSTRAINT "FK_evaluation_submissions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluation_submissions" ADD CONSTRAINT "FK_evaluation_submissions_version" FOREIGN KEY ("course_version_id") REFERENCES "course_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE TABLE "evaluation_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_version_id" uuid NOT NULL, "month" date NOT NULL, "answers" jsonb NOT NULL, CONSTRAINT "PK_evaluation_responses" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "evaluation_responses_version_idx" ON "evaluation_responses" ("course_version_id")`);
    await queryRunner.query(`ALTER TABLE "evaluation_responses" ADD CONSTRAINT "FK_evaluation_responses_version" FOREIGN KEY ("course_version_id") REFERENCES "course_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE TABLE "evaluation_response_pool" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_version_id" uuid NOT NULL, "answers" jsonb NOT NULL, CONSTRAINT "PK_evaluation_response_pool" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "evaluation_response_pool_version_idx" ON "evaluation_response_pool" ("course_version_id")`);
    await queryRunner.query(`ALTER TABLE "evaluation_response_pool" ADD CONSTRAINT "FK_evaluation_response_pool_version" FOREIGN KEY ("course_version_id") REFERENCES "course_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evaluation_response_pool"`);
    await queryRunner.query(`DROP TABLE "evaluation_responses"`);
    await queryRunner.query(`DROP TABLE "evaluation_submissions"`);
  }
}

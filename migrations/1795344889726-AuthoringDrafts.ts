import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthoringDrafts1795344889726 implements MigrationInterface {
  name = 'AuthoringDrafts1795344889726';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "course_drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_slug" character varying(100) NOT NULL, "base_version" integer, "content" jsonb NOT NULL, "revision" integer NOT NULL DEFAULT '1', "updated_by" uuid, "updated_by_name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6fabf06d2d0262886cb58e843fa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "course_drafts_slug_key" ON "course_drafts" ("course_slug") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."course_drafts_slug_key"`);
    await queryRunner.query(`DROP TABLE "course_drafts"`);
  }
}

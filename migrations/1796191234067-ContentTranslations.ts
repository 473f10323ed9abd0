import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Translated course content (content_translations, one row per version, language and piece),
 * the languages each version is offered in, the structure hash that tells versions differing
 * only in translations, and the content language an enrolment chose. Existing versions are
 * offered in their source language; existing enrolments keep reading it by default.
 */
export class ContentTranslations1796191234067 implements MigrationInterface {
  name = 'ContentTranslations1796191234067';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "content_translations" ("version_id" uuid NOT NULL, "language" character varying(2) NOT NULL, "kind" character varying(8) NOT NULL, "key" character varying(100) NOT NULL, "content" jsonb NOT NULL, CONSTRAINT "content_translations_language_check" CHECK ("language" IN ('en', 'az', 'ru')), CONSTRAINT "PK_content_translations" PRIMARY KEY ("version_id", "language", "kind", "key"))`,
    );
    await queryRunner.query(`ALTER TABLE "content_translations" ADD CONSTRAINT "FK_content_translations_version" FOREIGN KEY ("version_id") REFERENCES "course_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "course_versions" ADD "languages" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE "course_versions" SET "languages" = ARRAY["language"]::text[]`);
    await queryRunner.query(`ALTER TABLE "course_versions" ADD "structure_hash" character(64)`);
    await queryRunner.query(`CREATE INDEX "course_versions_structure_idx" ON "course_versions" ("structure_hash") `);
    await queryRunner.query(`ALTER TABLE "enrollments" ADD "language" character varying(2)`);
    await queryRunner.query(`ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_language_check" CHECK ("language" IN ('en', 'az', 'ru'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_language_check"`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "language"`);
    await queryRunner.query(`DROP INDEX "public"."course_versions_structure_idx"`);
    await queryRunner.query(`ALTER TABLE "course_versions" DROP COLUMN "structure_hash"`);
    await queryRunner.query(`ALTER TABLE "course_versions" DROP COLUMN "languages"`);
    await queryRunner.query(`DROP TABLE "content_translations"`);
  }
}

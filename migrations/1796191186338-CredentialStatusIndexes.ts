import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each certificate's position in the W3C Bitstring Status List. A PostgreSQL sequence hands the numbers
 * out: nextval() never waits for another transaction, so a wave of issues does not queue on a counter row.
 * Existing certificates are numbered in issue order; a rolled-back issue leaves a gap, which is harmless.
 */
export class CredentialStatusIndexes1796191186338 implements MigrationInterface {
  name = 'CredentialStatusIndexes1796191186338';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "certificate_status_list_index_seq" AS integer MINVALUE 0 START 0`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "status_list_index" integer`);
    await queryRunner.query(`UPDATE "certificates" c SET "status_list_index" = n.i FROM (SELECT id, nextval('certificate_status_list_index_seq') AS i FROM (SELECT id FROM "certificates" ORDER BY issued_at, code) o) n WHERE n.id = c.id`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "status_list_index" SET DEFAULT nextval('certificate_status_list_index_seq')`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "status_list_index" SET NOT NULL`);
    await queryRunner.query(`ALTER SEQUENCE "certificate_status_list_index_seq" OWNED BY "certificates"."status_list_index"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_status_list_index_key" ON "certificates" ("status_list_index") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."certificates_status_list_index_key"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "status_list_index"`);
  }
}

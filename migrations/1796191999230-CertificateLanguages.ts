import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates in the holder's language: the language the course was taken in (its title is
 * certified in it), the language of the PDF rendered at issue, and certificate_documents for the
 * other languages, rendered on first request, stored and signed once, and known by their hash.
 * Existing certificates were issued in English from English courses.
 */
export class CertificateLanguages1796191999230 implements MigrationInterface {
  name = 'CertificateLanguages1796191999230';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" ADD "language" character varying(2) NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "pdf_language" character varying(2) NOT NULL DEFAULT 'en'`);
    await queryRunner.query(
      `CREATE TABLE "certificate_documents" ("certificate_id" uuid NOT NULL, "language" character varying(2) NOT NULL, "pdf" bytea NOT NULL, "pdf_sha256" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "certificate_documents_language_check" CHECK ("language" IN ('en', 'az', 'ru')), CONSTRAINT "PK_certificate_documents" PRIMARY KEY ("certificate_id", "language"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "certificate_documents_pdf_sha256_key" ON "certificate_documents" ("pdf_sha256") `);
    await queryRunner.query(`ALTER TABLE "certificate_documents" ADD CONSTRAINT "FK_certificate_documents_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "certificate_documents"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "pdf_language"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "language"`);
  }
}

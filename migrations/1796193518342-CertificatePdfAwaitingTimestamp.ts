import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A certificate's PDF may wait for its RFC 3161 timestamp (TSA_URL set, the authority down at issue):
 * the row exists without PDF bytes or hash until the first download renders, timestamps and stores it.
 */
export class CertificatePdfAwaitingTimestamp1796193518342 implements MigrationInterface {
  name = 'CertificatePdfAwaitingTimestamp1796193518342';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "pdf" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "pdf_sha256" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "pdf_sha256" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "pdf" SET NOT NULL`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** OpenID4VCI credential offers (libs/certification/src/wallet): a pre-authorized code per offer, stored hashed, short-lived, used once. */
export class CredentialOffers1796193962517 implements MigrationInterface {
  name = 'CredentialOffers1796193962517';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "credential_offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "certificate_id" uuid NOT NULL, "code_sha256" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "redeemed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_credential_offers" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "credential_offers_certificate_id_idx" ON "credential_offers" ("certificate_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "credential_offers_code_sha256_key" ON "credential_offers" ("code_sha256")`);
    await queryRunner.query(`ALTER TABLE "credential_offers" ADD CONSTRAINT "FK_credential_offers_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "credential_offers"`);
  }
}

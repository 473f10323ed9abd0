import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificate expiry reminders (libs/certification): certificate_reminders, one row per certificate
 * and threshold sent, so a reminder goes once whatever restarts; certificate_reminder_optouts, the
 * holders who switched them off on /profile.
 */
export class CertificateReminders1796192287046 implements MigrationInterface {
  name = 'CertificateReminders1796192287046';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "certificate_reminders" ("certificate_id" uuid NOT NULL, "threshold_days" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61249789b0e68898ccb16d2e268" PRIMARY KEY ("certificate_id", "threshold_days"))`);
    await queryRunner.query(`CREATE TABLE "certificate_reminder_optouts" ("user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_315513f5e092b37e38ce3ecd79a" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`ALTER TABLE "certificate_reminders" ADD CONSTRAINT "FK_e76d4d882b7e2fdbe3ec351b136" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_reminder_optouts" ADD CONSTRAINT "FK_315513f5e092b37e38ce3ecd79a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "certificate_reminder_optouts"`);
    await queryRunner.query(`DROP TABLE "certificate_reminders"`);
  }
}

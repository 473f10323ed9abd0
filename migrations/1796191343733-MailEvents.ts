import { MigrationInterface, QueryRunner } from 'typeorm';

/** mail_events (libs/mail): one row per mail event, so each event sends one message, ever. */
export class MailEvents1796191343733 implements MigrationInterface {
  name = 'MailEvents1796191343733';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mail_events" ("event_key" character varying(200) NOT NULL, "message_id" character varying(200) NOT NULL, "template" character varying(64) NOT NULL, "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3860656044712f07e1b5615e889" PRIMARY KEY ("event_key"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_events"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates (one live certificate per learner and course version, enforced by a partial
 * unique index), the append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE)
 * and the shared rate-limit counters (UNLOGGED: no WAL for throwaway counts).
 */
export class CertificatesAuditRateLimits1795344342484 implements MigrationInterface {
  name = 'CertificatesAuditRateLimits1795344342484';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rate_limit_counters" ("key" character varying(100) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_fff95af8f500fb050737753e12e" PRIMARY KEY ("key", "window_start"))`);
    await queryRunner.query(`CREATE INDEX "rate_limit_counters_window_idx" ON "rate_limit_counters" ("window_start") `);
    await queryRunner.query(`ALTER TABLE "rate_limit_counters" SET UNLOGGED`);
    await queryRunner.query(`CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "user_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "course_version_id" uuid NOT NULL, "holder_name" character varying(200) NOT NULL, "profession" character varying(32) NOT NULL, "bar_number" character varying(50), "course_slug" character varying(100) NOT NULL, "course_title" character varying(200) NOT NULL, "course_version" integer NOT NULL, "cle_hours" numeric(6,2) NOT NULL, "cle_categories" jsonb NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "issuer" character varying(200) NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" text, "revoked_by" uuid, "superseded_by" character varying(32), "replaces" character varying(32), "pdf" bytea NOT NULL, "pdf_sha256" character(64) NOT NULL, CONSTRAINT "certificates_profession_check" CHECK ("profession" IN ('defense_attorney', 'prosecutor', 'judge', 'other')), CONSTRAINT "PK_e4c7e31e2144300bea7d89eb165" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" ("code") `);
    await queryRunner.query(`CREATE INDEX "certificates_user_idx" ON "certificates" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_pdf_sha256_key" ON "certificates" ("pdf_sha256") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_user_version_live_key" ON "certificates" ("user_id", "course_version_id") WHERE superseded_by IS NULL`);
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(100) NOT NULL, "action" character varying(64) NOT NULL, "subject" character varying(200), "details" jsonb NOT NULL DEFAULT '{}'::jsonb, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at") `);
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_88f90b1b9c635c14271e509cec0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_88f90b1b9c635c14271e509cec0"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_update_delete" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_at_idx"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_user_version_live_key"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_pdf_sha256_key"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_code_key"`);
    await queryRunner.query(`DROP TABLE "certificates"`);
    await queryRunner.query(`DROP INDEX "public"."rate_limit_counters_window_idx"`);
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}

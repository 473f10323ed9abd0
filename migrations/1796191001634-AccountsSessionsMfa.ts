import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that people keep (issue 16): server-side sessions (every access token names one,
 * so sign-out and password, role and status changes end them at once), account state
 * (deactivated, closed), TOTP second factor with hashed recovery codes and sign-in
 * challenges, single-use hashed tokens for password reset and email change, and the
 * per-client / per-address rate-limit events (registration, reset requests).
 */
export class AccountsSessionsMfa1796191001634 implements MigrationInterface {
  name = 'AccountsSessionsMfa1796191001634';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE, ADD "closed_at" TIMESTAMP WITH TIME ZONE, ADD "mfa_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"), CONSTRAINT "sessions_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")`);
    await queryRunner.query(`CREATE TABLE "user_totp" ("user_id" uuid NOT NULL, "secret" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_step" bigint, CONSTRAINT "user_totp_pkey" PRIMARY KEY ("user_id"), CONSTRAINT "user_totp_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE TABLE "mfa_recovery_codes" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "mfa_recovery_codes_pkey" PRIMARY KEY ("id"), CONSTRAINT "mfa_recovery_codes_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "mfa_recovery_codes_user_hash_key" ON "mfa_recovery_codes" ("user_id", "code_hash")`);
    await queryRunner.query(`CREATE TABLE "mfa_challenges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL DEFAULT 0, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "mfa_challenges_pkey" PRIMARY KEY ("id"), CONSTRAINT "mfa_challenges_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "mfa_challenges_token_hash_key" ON "mfa_challenges" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "mfa_challenges_user_idx" ON "mfa_challenges" ("user_id")`);
    await queryRunner.query(`CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "new_email" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "account_tokens_purpose_check" CHECK ("purpose" IN ('password_reset', 'email_change')), CONSTRAINT "account_tokens_pkey" PRIMARY KEY ("id"), CONSTRAINT "account_tokens_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "account_tokens_token_hash_key" ON "account_tokens" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "account_tokens_user_idx" ON "account_tokens" ("user_id")`);
    await queryRunner.query(`CREATE TABLE "rate_limit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "bucket" character varying(32) NOT NULL, "key" character varying(254) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "rate_limit_events_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "rate_limit_events_key_idx" ON "rate_limit_events" ("bucket", "key", "at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_events"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
    await queryRunner.query(`DROP TABLE "mfa_challenges"`);
    await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
    await queryRunner.query(`DROP TABLE "user_totp"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_enabled_at", DROP COLUMN "closed_at", DROP COLUMN "deactivated_at"`);
  }
}

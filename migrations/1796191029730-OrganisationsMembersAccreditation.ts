import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bar associations as records (organisations, clerk/accreditor grants, rosters, memberships),
 * accreditation of course versions and their four-eyes approval, CLE rules as data, and what a
 * certificate records at issue (memberships, accreditations, the printed bar number's key).
 * Versions that exist when this runs predate four eyes: they are approved by `migration`, so
 * nothing a learner already earns changes.
 */
export class OrganisationsMembersAccreditation1796191029730 implements MigrationInterface {
  name = 'OrganisationsMembersAccreditation1796191029730';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" varchar(200) NOT NULL, "time_zone" varchar(64) NOT NULL DEFAULT 'Asia/Baku',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisations_pkey" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "organisation_grants" ("organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE, "grant" varchar(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "organisation_grants_pkey" PRIMARY KEY ("organisation_id", "user_id", "grant"), CONSTRAINT "organisation_grants_grant_check" CHECK ("grant" IN ('clerk', 'accreditor')))`);
    await q.query(`CREATE INDEX "organisation_grants_user_idx" ON "organisation_grants" ("user_id")`);
    await q.query(`ALTER TABLE "verifiers" ADD "organisation_id" uuid REFERENCES "organisations"("id") ON DELETE RESTRICT`);
    await q.query(`CREATE TABLE "roster_entries" ("organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE, "bar_number_key" varchar(50) NOT NULL,
      "bar_number" varchar(50) NOT NULL, "full_name" varchar(200) NOT NULL, "name_key" varchar(200) NOT NULL, "admitted_on" date, "line" integer NOT NULL,
      CONSTRAINT "roster_entries_pkey" PRIMARY KEY ("organisation_id", "bar_number_key"))`);
    await q.query(`CREATE TABLE "memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE, "bar_number" varchar(50) NOT NULL, "bar_number_key" varchar(50) NOT NULL,
      "full_name" varchar(200) NOT NULL, "status" varchar(16) NOT NULL, "reason" text, "decided_by" varchar(100), "decided_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "memberships_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "memberships_status_check" CHECK ("status" IN ('verified', 'pending', 'rejected', 'superseded')))`);
    // One account holds a bar number verified at an organisation: the database, not the code, refuses a second.
    await q.query(`CREATE UNIQUE INDEX "memberships_verified_number_key" ON "memberships" ("organisation_id", "bar_number_key") WHERE "status" = 'verified'`);
    await q.query(`CREATE UNIQUE INDEX "memberships_open_claim_key" ON "memberships" ("organisation_id", "user_id") WHERE "status" IN ('verified', 'pending')`);
    await q.query(`CREATE INDEX "memberships_user_idx" ON "memberships" ("user_id")`);
    await q.query(`CREATE TABLE "cle_rules" ("organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE, "rules" jsonb NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cle_rules_pkey" PRIMARY KEY ("organisation_id"))`);
    await q.query(`CREATE TABLE "cle_exemptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
      "bar_number_key" varchar(50) NOT NULL, "reason" text NOT NULL, "from_day" date NOT NULL, "to_day" date NOT NULL, "created_by" varchar(100) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cle_exemptions_pkey" PRIMARY KEY ("id"), CONSTRAINT "cle_exemptions_period_check" CHECK ("from_day" <= "to_day"))`);
    await q.query(`CREATE INDEX "cle_exemptions_member_idx" ON "cle_exemptions" ("organisation_id", "bar_number_key")`);
    await q.query(`CREATE TABLE "accreditations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
      "course_version_id" uuid NOT NULL REFERENCES "course_versions"("id") ON DELETE CASCADE, "number" varchar(100) NOT NULL, "hours" jsonb NOT NULL,
      "valid_from" date NOT NULL, "valid_to" date, "created_by" varchar(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "accreditations_pkey" PRIMARY KEY ("id"), CONSTRAINT "accreditations_org_version_key" UNIQUE ("organisation_id", "course_version_id"))`);
    await q.query(`CREATE INDEX "accreditations_version_idx" ON "accreditations" ("course_version_id")`);
    await q.query(`CREATE TABLE "version_approvals" ("course_version_id" uuid NOT NULL REFERENCES "course_versions"("id") ON DELETE CASCADE, "approved_by" varchar(100) NOT NULL,
      "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "note" text, CONSTRAINT "version_approvals_pkey" PRIMARY KEY ("course_version_id"))`);
    await q.query(`ALTER TABLE "course_versions" ADD "published_by" uuid`);
    await q.query(`INSERT INTO "version_approvals" ("course_version_id", "approved_by", "note") SELECT id, 'migration', 'existed before four-eyes approval' FROM "course_versions"`);
    await q.query(`ALTER TABLE "certificates" ADD "memberships" jsonb, ADD "accreditations" jsonb, ADD "bar_number_key" varchar(50)`);
    // The same normalisation as normaliseBarNumber (bar-number.rules.ts) for the numbers printed so far.
    await q.query(`UPDATE "certificates" SET "bar_number_key" = upper(translate(regexp_replace("bar_number", '[\\s\\-‐‑‒–—−_]', '', 'g'),
      'АВЕКМНОРСТУХІЈЅавекмнорстухіјѕ', 'ABEKMHOPCTYXIJSabekmhopctyxijs')) WHERE "bar_number" IS NOT NULL`);
    await q.query(`CREATE INDEX "certificates_bar_number_key_idx" ON "certificates" ("bar_number_key")`);
    await q.query(`CREATE TABLE "certificate_members" ("certificate_id" uuid NOT NULL REFERENCES "certificates"("id") ON DELETE CASCADE,
      "organisation_id" uuid NOT NULL, "bar_number_key" varchar(50) NOT NULL, "user_id" uuid NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "accredited_hours" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "certificate_members_pkey" PRIMARY KEY ("certificate_id", "organisation_id"))`);
    await q.query(`CREATE INDEX "certificate_members_number_idx" ON "certificate_members" ("organisation_id", "bar_number_key", "completed_at")`);
    await q.query(`CREATE INDEX "certificate_members_key_idx" ON "certificate_members" ("bar_number_key")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "certificate_members"`);
    await q.query(`DROP INDEX "certificates_bar_number_key_idx"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "memberships", DROP COLUMN "accreditations", DROP COLUMN "bar_number_key"`);
    await q.query(`ALTER TABLE "course_versions" DROP COLUMN "published_by"`);
    await q.query(`DROP TABLE "version_approvals"`);
    await q.query(`DROP TABLE "accreditations"`);
    await q.query(`DROP TABLE "cle_exemptions"`);
    await q.query(`DROP TABLE "cle_rules"`);
    await q.query(`DROP TABLE "memberships"`);
    await q.query(`DROP TABLE "roster_entries"`);
    await q.query(`ALTER TABLE "verifiers" DROP COLUMN "organisation_id"`);
    await q.query(`DROP TABLE "organisation_grants"`);
    await q.query(`DROP TABLE "organisations"`);
  }
}

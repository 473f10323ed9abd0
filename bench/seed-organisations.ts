import * as crypto from 'node:crypto';
import { Client } from 'pg';

export interface SeededOrganisation {
  organisationId: string;
  apiKey: string;
  members: number;
}

const MEMBERS = 10_000;

/**
 * A bar association with 10,000 verified members (at full volume) among the learners who hold
 * certificates, its roster, an accreditation of every course version, and what their certificates
 * record (memberships, accredited hours in certificate_members), as issuing would have written it.
 */
export async function seedOrganisation(db: Client, scale: number, log: (line: string) => void = () => undefined): Promise<SeededOrganisation> {
  const members = Math.max(100, Math.round(MEMBERS * scale));
  log(`organisation: ${members} members`);
  const org = await db.query(`INSERT INTO organisations (name, time_zone) VALUES ('Bench Bar Association', 'Asia/Baku') RETURNING id`);
  const organisationId = org.rows[0].id as string;
  await db.query(
    `CREATE TEMP TABLE bench_members AS
     SELECT u.id AS user_id, u.full_name, 'BB-' || lpad(row_number() OVER (ORDER BY u.id)::text, 6, '0') AS bar_number
       FROM users u WHERE u.id IN (SELECT DISTINCT user_id FROM certificates) ORDER BY u.id LIMIT $1`,
    [members],
  );
  await db.query(
    `INSERT INTO roster_entries (organisation_id, bar_number_key, bar_number, full_name, name_key, admitted_on, line)
     SELECT $1, replace(bar_number, '-', ''), bar_number, full_name, lower(full_name), NULL, row_number() OVER (ORDER BY bar_number) + 1 FROM bench_members`,
    [organisationId],
  );
  await db.query(
    `INSERT INTO memberships (organisation_id, user_id, bar_number, bar_number_key, full_name, status, decided_by, decided_at)
     SELECT $1, user_id, bar_number, replace(bar_number, '-', ''), full_name, 'verified', 'roster', now() FROM bench_members`,
    [organisationId],
  );
  await db.query(
    `INSERT INTO accreditations (organisation_id, course_version_id, number, hours, valid_from, created_by)
     SELECT $1, v.id, 'BB-ACC-' || c.slug || '-' || v.version, v.cle_categories, DATE '2000-01-01', 'bench' FROM course_versions v JOIN courses c ON c.id = v.course_id`,
    [organisationId],
  );
  await db.query(
    `INSERT INTO certificate_members (certificate_id, organisation_id, bar_number_key, user_id, completed_at, accredited_hours, revoked_at)
     SELECT c.id, $1, replace(m.bar_number, '-', ''), c.user_id, c.completed_at, c.cle_categories, c.revoked_at FROM certificates c JOIN bench_members m ON m.user_id = c.user_id`,
    [organisationId],
  );
  await db.query(
    `UPDATE certificates c SET memberships = jsonb_build_array(jsonb_build_object('organisationId', $1::text, 'organisationName', 'Bench Bar Association', 'barNumber', m.bar_number)),
       accreditations = jsonb_build_array(jsonb_build_object('organisationId', $1::text, 'organisationName', 'Bench Bar Association', 'number', 'BB-ACC', 'hours', c.cle_categories))
       FROM bench_members m WHERE m.user_id = c.user_id`,
    [organisationId],
  );
  const apiKey = `bench_org_${crypto.randomBytes(18).toString('hex')}`;
  await db.query(`INSERT INTO verifiers (name, key_hash, key_prefix, organisation_id) VALUES ('Bench Bar Association key', encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2, $3)`, [apiKey, apiKey.slice(0, 12), organisationId]);
  return { organisationId, apiKey, members };
}

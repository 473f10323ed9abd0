import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganisationGrantKind } from '../entities/organisation-grant.entity';
import type { MembershipStatus } from '../entities/membership.entity';
import type { RosterLine } from '../roster/roster-csv';
import type { CleRules } from '../rules/cle.rules';

export interface OrganisationRow {
  id: string;
  name: string;
  timeZone: string;
}

export interface MembershipRow {
  id: string;
  organisationId: string;
  organisationName: string;
  userId: string;
  barNumber: string;
  barNumberKey: string;
  fullName: string;
  status: MembershipStatus;
  reason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  rosterName: string | null;
}

const MEMBERSHIP = `m.id, m.organisation_id AS "organisationId", o.name AS "organisationName", m.user_id AS "userId", m.bar_number AS "barNumber",
  m.bar_number_key AS "barNumberKey", m.full_name AS "fullName", m.status, m.reason, m.decided_at AS "decidedAt", m.created_at AS "createdAt",
  r.full_name AS "rosterName"`;
const MEMBERSHIP_FROM = `memberships m JOIN organisations o ON o.id = m.organisation_id
  LEFT JOIN roster_entries r ON r.organisation_id = m.organisation_id AND r.bar_number_key = m.bar_number_key`;

/** The only place with queries on organisations, grants, rosters, memberships and CLE rules. */
@Injectable()
export class OrganisationRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async insert(name: string, timeZone: string): Promise<OrganisationRow> {
    const [row] = await this.db.query(`INSERT INTO organisations (name, time_zone) VALUES ($1, $2) RETURNING id, name, time_zone AS "timeZone"`, [name, timeZone]);
    return row;
  }

  async find(id: string, manager: EntityManager | DataSource = this.db): Promise<OrganisationRow | null> {
    const [row] = await manager.query(`SELECT id, name, time_zone AS "timeZone" FROM organisations WHERE id = $1`, [id]);
    return row ?? null;
  }

  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT id FROM organisations WHERE id = $1 FOR UPDATE`, [id]);
  }

  list(): Promise<OrganisationRow[]> {
    return this.db.query(`SELECT id, name, time_zone AS "timeZone" FROM organisations ORDER BY name, id`);
  }

  async grant(organisationId: string, userId: string, grant: OrganisationGrantKind): Promise<void> {
    await this.db.query(`INSERT INTO organisation_grants (organisation_id, user_id, "grant") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [organisationId, userId, grant]);
  }

  async hasGrant(organisationId: string, userId: string, grant: OrganisationGrantKind): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM organisation_grants WHERE organisation_id = $1 AND user_id = $2 AND "grant" = $3`, [organisationId, userId, grant]);
    return rows.length > 0;
  }

  grantsOf(userId: string): Promise<{ organisationId: string; organisationName: string; grant: OrganisationGrantKind }[]> {
    return this.db.query(
      `SELECT g.organisation_id AS "organisationId", o.name AS "organisationName", g."grant" FROM organisation_grants g JOIN organisations o ON o.id = g.organisation_id
       WHERE g.user_id = $1 ORDER BY o.name, g."grant"`,
      [userId],
    );
  }

  /** Replaces the roster in one statement pair, inside the caller's transaction. */
  async replaceRoster(manager: EntityManager, organisationId: string, lines: RosterLine[]): Promise<void> {
    await manager.query(`DELETE FROM roster_entries WHERE organisation_id = $1`, [organisationId]);
    if (!lines.length) return;
    await manager.query(
      `INSERT INTO roster_entries (organisation_id, bar_number_key, bar_number, full_name, name_key, admitted_on, line)
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::date[], $7::int[])`,
      [organisationId, lines.map((l) => l.barNumberKey), lines.map((l) => l.barNumber), lines.map((l) => l.fullName), lines.map((l) => l.nameKey), lines.map((l) => l.admittedOn), lines.map((l) => l.line)],
    );
  }

  async rosterEntry(manager: EntityManager, organisationId: string, barNumberKey: string): Promise<{ nameKey: string; fullName: string } | null> {
    const [row] = await manager.query(`SELECT name_key AS "nameKey", full_name AS "fullName" FROM roster_entries WHERE organisation_id = $1 AND bar_number_key = $2`, [organisationId, barNumberKey]);
    return row ?? null;
  }

  async rosterSize(organisationId: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM roster_entries WHERE organisation_id = $1`, [organisationId]);
    return row.n;
  }

  /** Who holds this number verified at the organisation, other than `userId`. */
  async verifiedHolder(manager: EntityManager, organisationId: string, barNumberKey: string): Promise<string | null> {
    const [row] = await manager.query(`SELECT user_id AS "userId" FROM memberships WHERE organisation_id = $1 AND bar_number_key = $2 AND status = 'verified'`, [organisationId, barNumberKey]);
    return row?.userId ?? null;
  }

  async openClaim(manager: EntityManager, organisationId: string, userId: string): Promise<MembershipRow | null> {
    const [row] = await manager.query(`SELECT ${MEMBERSHIP} FROM ${MEMBERSHIP_FROM} WHERE m.organisation_id = $1 AND m.user_id = $2 AND m.status IN ('verified', 'pending') FOR UPDATE OF m`, [organisationId, userId]);
    return row ?? null;
  }

  async setStatus(manager: EntityManager, id: string, status: MembershipStatus, decidedBy: string | null, reason: string | null): Promise<void> {
    await manager.query(`UPDATE memberships SET status = $2, decided_by = $3, reason = $4, decided_at = now() WHERE id = $1`, [id, status, decidedBy, reason]);
  }

  async insertMembership(manager: EntityManager, m: { organisationId: string; userId: string; barNumber: string; barNumberKey: string; fullName: string; status: MembershipStatus; decidedBy: string | null }): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO memberships (organisation_id, user_id, bar_number, bar_number_key, full_name, status, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::varchar IS NULL THEN NULL ELSE now() END) RETURNING id`,
      [m.organisationId, m.userId, m.barNumber, m.barNumberKey, m.fullName, m.status, m.decidedBy],
    );
    return row.id;
  }

  async membership(id: string, manager: EntityManager | DataSource = this.db, lock = false): Promise<MembershipRow | null> {
    const [row] = await manager.query(`SELECT ${MEMBERSHIP} FROM ${MEMBERSHIP_FROM} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`, [id]);
    return row ?? null;
  }

  membershipsOf(userId: string): Promise<MembershipRow[]> {
    return this.db.query(`SELECT ${MEMBERSHIP} FROM ${MEMBERSHIP_FROM} WHERE m.user_id = $1 ORDER BY m.created_at DESC, m.id`, [userId]);
  }

  claims(organisationId: string, status: MembershipStatus | null, limit = 500): Promise<MembershipRow[]> {
    return this.db.query(`SELECT ${MEMBERSHIP} FROM ${MEMBERSHIP_FROM} WHERE m.organisation_id = $1 AND ($2::varchar IS NULL OR m.status = $2) ORDER BY m.created_at, m.id LIMIT $3`, [organisationId, status, limit]);
  }

  /** The verified memberships of a user, for a certificate to record as it is issued. */
  verifiedOf(manager: EntityManager, userId: string): Promise<{ organisationId: string; organisationName: string; barNumber: string; barNumberKey: string }[]> {
    return manager.query(
      `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.bar_number AS "barNumber", m.bar_number_key AS "barNumberKey"
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 AND m.status = 'verified' ORDER BY o.name, o.id`,
      [userId],
    );
  }

  /** The verified member holding this number (at the organisation, when given), first by organisation name. */
  async verifiedMember(barNumberKey: string, organisationId: string | null): Promise<{ fullName: string; organisationId: string } | null> {
    const [row] = await this.db.query(
      `SELECT m.full_name AS "fullName", m.organisation_id AS "organisationId" FROM memberships m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.bar_number_key = $1 AND m.status = 'verified' AND ($2::uuid IS NULL OR m.organisation_id = $2) ORDER BY o.name, o.id LIMIT 1`,
      [barNumberKey, organisationId],
    );
    return row ?? null;
  }

  async rules(organisationId: string): Promise<CleRules | null> {
    const [row] = await this.db.query(`SELECT rules FROM cle_rules WHERE organisation_id = $1`, [organisationId]);
    return row?.rules ?? null;
  }

  async saveRules(organisationId: string, rules: CleRules): Promise<void> {
    await this.db.query(`INSERT INTO cle_rules (organisation_id, rules) VALUES ($1, $2) ON CONFLICT (organisation_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now()`, [organisationId, JSON.stringify(rules)]);
  }

  async addExemption(e: { organisationId: string; barNumberKey: string; reason: string; fromDay: string; toDay: string; createdBy: string }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO cle_exemptions (organisation_id, bar_number_key, reason, from_day, to_day, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [e.organisationId, e.barNumberKey, e.reason, e.fromDay, e.toDay, e.createdBy],
    );
    return row.id;
  }

  /** A closed account's claims and grants go; what certificates recorded at issue stays with certification. */
  async forgetUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM memberships WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM organisation_grants WHERE user_id = $1`, [userId]);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ComplianceMemberRow {
  barNumber: string;
  barNumberKey: string;
  fullName: string;
  admittedOn: string | null;
}

/** One certificate's accredited hours by category, earned in the current cycle or the previous one. */
export interface HoursRow {
  barNumberKey: string;
  current: boolean;
  hours: Record<string, number>;
}

/**
 * The compliance console's read model: an organisation's verified members (organisations' tables),
 * the accredited hours recorded on their certificates (certificate_members) and their exemptions.
 * Read only, for one organisation at a time.
 */
@Injectable()
export class ComplianceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  members(organisationId: string): Promise<ComplianceMemberRow[]> {
    return this.db.query(
      `SELECT m.bar_number AS "barNumber", m.bar_number_key AS "barNumberKey", m.full_name AS "fullName", to_char(r.admitted_on, 'YYYY-MM-DD') AS "admittedOn"
       FROM memberships m LEFT JOIN roster_entries r ON r.organisation_id = m.organisation_id AND r.bar_number_key = m.bar_number_key
       WHERE m.organisation_id = $1 AND m.status = 'verified' ORDER BY m.full_name, m.bar_number_key`,
      [organisationId],
    );
  }

  /**
   * The accredited hours of each counting certificate of the organisation's members, in the previous cycle and the
   * current one (`current`), days in `timeZone`. certificate_members alone, through its partial index of the rows
   * that count (not revoked): no join to certificates, and no GROUP BY either (a member has a few certificates, so
   * grouping in SQL made as many groups as rows and spilled to disk at 10,000 members); the service adds them up.
   */
  hours(organisationId: string, previousStart: string, currentStart: string, end: string, timeZone: string): Promise<HoursRow[]> {
    return this.db.query(
      `SELECT cm.bar_number_key AS "barNumberKey", cm.completed_at >= ($3::date::timestamp AT TIME ZONE $5) AS current, cm.accredited_hours AS hours
       FROM certificate_members cm
       WHERE cm.organisation_id = $1 AND cm.revoked_at IS NULL
         AND cm.completed_at >= ($2::date::timestamp AT TIME ZONE $5) AND cm.completed_at < (($4::date + 1)::timestamp AT TIME ZONE $5)`,
      [organisationId, previousStart, currentStart, end, timeZone],
    );
  }

  exemptions(organisationId: string, from: string, to: string): Promise<{ barNumberKey: string; reason: string; fromDay: string; toDay: string }[]> {
    return this.db.query(
      `SELECT bar_number_key AS "barNumberKey", reason, to_char(from_day, 'YYYY-MM-DD') AS "fromDay", to_char(to_day, 'YYYY-MM-DD') AS "toDay"
       FROM cle_exemptions WHERE organisation_id = $1 AND from_day <= $3 AND to_day >= $2`,
      [organisationId, from, to],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@themis/core';
import { ComplianceResult, ComplianceStatus, cycleContaining, dayIn, evaluateCompliance, OrganisationActor, OrganisationsService, previousCycle } from '@themis/organisations';
import { ComplianceRepository } from './compliance.repository';

export interface ComplianceQuery {
  /** Any day of the cycle to report (YYYY-MM-DD); today in the organisation's time zone by default. */
  day?: string;
  status?: ComplianceStatus;
  /** Part of a name or bar number. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface ComplianceMember extends ComplianceResult {
  barNumber: string;
  fullName: string;
}

export interface ComplianceReport {
  organisationId: string;
  organisationName: string;
  cycle: { start: string; end: string };
  rules: { example: boolean; label: string };
  counts: Record<ComplianceStatus, number>;
  total: number;
  members: ComplianceMember[];
}

/** Each verified member's accredited hours in a cycle against the organisation's rules. */
@Injectable()
export class ComplianceService {
  constructor(private readonly repo: ComplianceRepository, private readonly organisations: OrganisationsService) {}

  async report(actor: OrganisationActor, query: ComplianceQuery = {}): Promise<ComplianceReport> {
    const org = actor.organisation;
    if (query.day !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(query.day) || Number.isNaN(Date.parse(query.day)))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'day must be a date as YYYY-MM-DD', { field: 'day' });
    }
    const rules = await this.organisations.rules(org.id);
    const cycle = cycleContaining(rules.cycle, query.day ?? dayIn(org.timeZone));
    const previous = previousCycle(rules.cycle, cycle);
    const [members, hours, exemptions] = await Promise.all([
      this.repo.members(org.id),
      this.repo.hours(org.id, previous.start, cycle.start, cycle.end, org.timeZone),
      this.repo.exemptions(org.id, cycle.start, cycle.end),
    ]);
    const byMember = new Map<string, { hours: Record<string, number>; previousHours: Record<string, number> }>();
    for (const row of hours) {
      const entry = byMember.get(row.barNumberKey) ?? { hours: {}, previousHours: {} };
      const bucket = row.current ? entry.hours : entry.previousHours;
      for (const [category, h] of Object.entries(row.hours)) bucket[category] = Math.round(((bucket[category] ?? 0) + Number(h)) * 100) / 100;
      byMember.set(row.barNumberKey, entry);
    }
    const exemptionsOf = new Map<string, typeof exemptions>();
    for (const e of exemptions) exemptionsOf.set(e.barNumberKey, [...(exemptionsOf.get(e.barNumberKey) ?? []), e]);
    const evaluated: ComplianceMember[] = members.map((m) => ({
      barNumber: m.barNumber,
      fullName: m.fullName,
      ...evaluateCompliance(rules, cycle, { ...(byMember.get(m.barNumberKey) ?? { hours: {}, previousHours: {} }), admittedOn: m.admittedOn, exemptions: exemptionsOf.get(m.barNumberKey) ?? [] }),
    }));
    const counts: Record<ComplianceStatus, number> = { compliant: 0, short: 0, exempt: 0 };
    for (const m of evaluated) counts[m.status]++;
    const needle = query.q?.trim().toLocaleLowerCase('und');
    const matching = evaluated.filter((m) => (!query.status || m.status === query.status) && (!needle || m.fullName.toLocaleLowerCase('und').includes(needle) || m.barNumber.toLocaleLowerCase('und').includes(needle)));
    const offset = query.offset ?? 0;
    return {
      organisationId: org.id,
      organisationName: org.name,
      cycle,
      rules: { example: rules.example, label: rules.label },
      counts,
      total: matching.length,
      members: query.limit === undefined ? matching.slice(offset) : matching.slice(offset, offset + query.limit),
    };
  }
}

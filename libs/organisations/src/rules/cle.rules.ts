/**
 * CLE rules as data, and their evaluation as pure functions (no Nest, no TypeORM).
 * Days are `YYYY-MM-DD` in the organisation's time zone; cycles include both ends.
 */
export interface CleRequirement {
  totalHours: number;
  perCategory: Record<string, number>;
}

export type CleCycle = { kind: 'calendar_year' } | { kind: 'years'; years: number; startsOn: string };

export interface CleRules {
  /** True for the starting rule set Themis ships: a bar must check and replace its figures. */
  example: boolean;
  label: string;
  cycle: CleCycle;
  required: CleRequirement;
  /** Surplus hours of the previous cycle counted toward this cycle's total, at most `maxHours`; `neverCarried` categories never carry. */
  carryOver: { maxHours: number; neverCarried: string[] };
  /** Members admitted within `withinMonths` before a cycle's end follow this requirement instead. */
  newlyAdmitted: { withinMonths: number; required: CleRequirement } | null;
}

/**
 * The starting rule set: an EXAMPLE. The fact sheets hold no figures of any bar's own rules.
 * Exemptions in it (and in every rule set) are pro-rated: an exemption covering part of a cycle
 * reduces each required figure in proportion to the days of the cycle it covers, counted in the
 * organisation's time zone, and rounds it to the nearest multiple of the smallest hour unit the
 * rules use (`hourUnit`; 1 hour here); a cycle covered from its first day to its last is `exempt`.
 */
export const EXAMPLE_CLE_RULES: CleRules = {
  example: true,
  label: 'Example rule set: replace every figure with your bar’s own rules',
  cycle: { kind: 'calendar_year' },
  required: { totalHours: 20, perCategory: { ethics: 2 } },
  carryOver: { maxHours: 5, neverCarried: ['ethics'] },
  newlyAdmitted: { withinMonths: 12, required: { totalHours: 10, perCategory: { ethics: 2 } } },
};

export interface CyclePeriod {
  start: string;
  end: string;
}

export type ComplianceStatus = 'compliant' | 'short' | 'exempt';

export interface MemberHours {
  /** Accredited hours by category earned in the cycle. */
  hours: Record<string, number>;
  /** Accredited hours by category earned in the previous cycle. */
  previousHours: Record<string, number>;
  admittedOn: string | null;
  exemptions: { fromDay: string; toDay: string; reason: string }[];
}

export interface ComplianceResult {
  cycle: CyclePeriod;
  track: 'standard' | 'newly_admitted';
  required: CleRequirement;
  earned: { totalHours: number; perCategory: Record<string, number> };
  carriedIn: number;
  shortfall: { totalHours: number; perCategory: Record<string, number> };
  status: ComplianceStatus;
  exemptionReason: string | null;
  /** Days of the cycle an exemption covers (overlapping exemptions count once), of `cycleDays`. */
  exemptDays: number;
  cycleDays: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const sum = (h: Record<string, number>) => round2(Object.values(h).reduce((a, b) => a + b, 0));
const day = (d: Date) => d.toISOString().slice(0, 10);
const parseDay = (s: string) => new Date(`${s}T00:00:00Z`);

function addYears(s: string, years: number): string {
  const d = parseDay(s);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return day(d);
}

function addDays(s: string, days: number): string {
  const d = parseDay(s);
  d.setUTCDate(d.getUTCDate() + days);
  return day(d);
}

/** The cycle that holds `today`. */
export function cycleContaining(cycle: CleCycle, today: string): CyclePeriod {
  if (cycle.kind === 'calendar_year') return { start: `${today.slice(0, 4)}-01-01`, end: `${today.slice(0, 4)}-12-31` };
  let start = cycle.startsOn;
  while (today < start) start = addYears(start, -cycle.years);
  while (today >= addYears(start, cycle.years)) start = addYears(start, cycle.years);
  return { start, end: addDays(addYears(start, cycle.years), -1) };
}

export function previousCycle(cycle: CleCycle, period: CyclePeriod): CyclePeriod {
  return cycleContaining(cycle, addDays(period.start, -1));
}

/** What was carried: the previous cycle's surplus over its total, from categories that carry, capped. */
export function carryOver(rules: CleRules, previousHours: Record<string, number>): number {
  const surplus = Math.max(0, sum(previousHours) - rules.required.totalHours);
  const carriable = sum(Object.fromEntries(Object.entries(previousHours).filter(([c]) => !rules.carryOver.neverCarried.includes(c))));
  return round2(Math.max(0, Math.min(surplus, carriable, rules.carryOver.maxHours)));
}

function isNewlyAdmitted(rules: CleRules, period: CyclePeriod, admittedOn: string | null): boolean {
  if (!rules.newlyAdmitted || !admittedOn || admittedOn > period.end) return false;
  const end = parseDay(period.end);
  end.setUTCMonth(end.getUTCMonth() - rules.newlyAdmitted.withinMonths);
  return admittedOn > day(end);
}

/**
 * The day's number counted from 1970-01-01, from `YYYY-MM-DD` by integer arithmetic (H. Hinnant's
 * days_from_civil): the console counts days for every one of 10,000 members, and Date parsing
 * was the larger part of evaluating each.
 */
function dayNumber(s: string): number {
  const y0 = Number(s.slice(0, 4)), m = Number(s.slice(5, 7)), d = Number(s.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Days from `start` to `end`, both included. */
export function daysIn(period: CyclePeriod): number {
  return dayNumber(period.end) - dayNumber(period.start) + 1;
}

/** The days of the cycle that at least one exemption covers; overlapping exemptions count once. */
export function exemptDaysIn(period: CyclePeriod, exemptions: { fromDay: string; toDay: string }[]): number {
  const clipped = exemptions
    .map((e) => ({ start: e.fromDay < period.start ? period.start : e.fromDay, end: e.toDay > period.end ? period.end : e.toDay }))
    .filter((e) => e.start <= e.end)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let days = 0;
  let covered: CyclePeriod | null = null;
  for (const e of clipped) {
    if (covered && dayNumber(e.start) <= dayNumber(covered.end) + 1) {
      if (e.end > covered.end) covered.end = e.end;
      continue;
    }
    if (covered) days += daysIn(covered);
    covered = { ...e };
  }
  return covered ? days + daysIn(covered) : days;
}

const UNITS = [1, 0.5, 0.25, 0.1, 0.05, 0.01];
const isMultiple = (hours: number, unit: number) => Math.abs(hours / unit - Math.round(hours / unit)) < 1e-9;

/** The smallest hour unit the rules use: the largest of 1, 0.5, 0.25, 0.1, 0.05, 0.01 h that divides every figure they state. */
export function hourUnit(rules: CleRules): number {
  const figures = [rules.required, ...(rules.newlyAdmitted ? [rules.newlyAdmitted.required] : [])].flatMap((r) => [r.totalHours, ...Object.values(r.perCategory)]);
  figures.push(rules.carryOver.maxHours);
  return UNITS.find((u) => figures.every((f) => isMultiple(f, u))) ?? 0.01;
}

/**
 * The requirement of a cycle of `cycleDays` days of which `exemptDays` are exempt: each figure
 * times the share of days not exempt, rounded to the nearest multiple of `unit` (halves up).
 */
export function proRatedRequirement(required: CleRequirement, cycleDays: number, exemptDays: number, unit: number): CleRequirement {
  const share = Math.max(0, cycleDays - exemptDays) / cycleDays;
  // The epsilon keeps a half that floating point computes as 0.4999… rounding up.
  const scale = (hours: number) => round2(Math.round((hours * share) / unit + 1e-9) * unit);
  return { totalHours: scale(required.totalHours), perCategory: Object.fromEntries(Object.entries(required.perCategory).map(([c, h]) => [c, scale(h)])) };
}

/** A member's standing in a cycle: hours by category against the rule (pro-rated for exemptions), carry-over, shortfall, status. */
export function evaluateCompliance(rules: CleRules, period: CyclePeriod, member: MemberHours): ComplianceResult {
  const newly = isNewlyAdmitted(rules, period, member.admittedOn);
  const cycleDays = daysIn(period);
  const exemptions = member.exemptions.filter((e) => e.fromDay <= period.end && e.toDay >= period.start);
  const exemptDays = exemptDaysIn(period, exemptions);
  const full = newly ? rules.newlyAdmitted!.required : rules.required;
  const required = exemptDays > 0 ? proRatedRequirement(full, cycleDays, exemptDays, hourUnit(rules)) : full;
  // A newly admitted member has no previous cycle to carry from.
  const carriedIn = newly ? 0 : carryOver(rules, member.previousHours);
  const perCategoryShort: Record<string, number> = {};
  for (const [category, hours] of Object.entries(required.perCategory)) {
    const short = round2(hours - (member.hours[category] ?? 0));
    if (short > 0) perCategoryShort[category] = short;
  }
  const totalShort = round2(Math.max(0, required.totalHours - sum(member.hours) - carriedIn));
  const short = totalShort > 0 || Object.keys(perCategoryShort).length > 0;
  return {
    cycle: period,
    track: newly ? 'newly_admitted' : 'standard',
    required,
    earned: { totalHours: sum(member.hours), perCategory: member.hours },
    carriedIn,
    shortfall: { totalHours: totalShort, perCategory: perCategoryShort },
    status: exemptDays >= cycleDays ? 'exempt' : short ? 'short' : 'compliant',
    exemptionReason: exemptions.length ? [...new Set(exemptions.map((e) => e.reason))].join('; ') : null,
    exemptDays,
    cycleDays,
  };
}

/** Every problem of a rule set as a sentence naming the field; empty when it is usable. */
export function ruleProblems(input: unknown): string[] {
  const r = input as Partial<CleRules> | null;
  const problems: string[] = [];
  if (!r || typeof r !== 'object') return ['rules must be an object'];
  const hours = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1000;
  const requirement = (q: unknown, field: string) => {
    const x = q as Partial<CleRequirement> | null;
    if (!x || !hours(x.totalHours)) problems.push(`${field}.totalHours must be a number of hours from 0 to 1000`);
    if (!x || typeof x.perCategory !== 'object' || x.perCategory === null || !Object.values(x.perCategory).every(hours)) problems.push(`${field}.perCategory must map categories to hours`);
  };
  const c = r.cycle as CleCycle | undefined;
  if (!c || (c.kind !== 'calendar_year' && c.kind !== 'years')) problems.push('cycle.kind must be calendar_year or years');
  else if (c.kind === 'years' && (!Number.isInteger(c.years) || c.years < 1 || c.years > 10 || !/^\d{4}-\d{2}-\d{2}$/.test(String(c.startsOn)))) {
    problems.push('cycle.years must be 1 to 10 and cycle.startsOn a date as YYYY-MM-DD');
  }
  requirement(r.required, 'required');
  if (!r.carryOver || !hours(r.carryOver.maxHours) || !Array.isArray(r.carryOver.neverCarried)) problems.push('carryOver must have maxHours and neverCarried (a list of categories)');
  if (r.newlyAdmitted !== null && r.newlyAdmitted !== undefined) {
    if (!Number.isInteger(r.newlyAdmitted.withinMonths) || r.newlyAdmitted.withinMonths < 1) problems.push('newlyAdmitted.withinMonths must be a whole number of months');
    requirement(r.newlyAdmitted.required, 'newlyAdmitted.required');
  }
  if (typeof r.label !== 'string' || r.label.length > 200) problems.push('label must be text of at most 200 characters');
  return problems;
}

/** Today as a day in the time zone. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

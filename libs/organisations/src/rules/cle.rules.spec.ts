import { carryOver, CleRules, cycleContaining, dayIn, daysIn, evaluateCompliance, EXAMPLE_CLE_RULES, exemptDaysIn, hourUnit, previousCycle, proRatedRequirement, ruleProblems } from './cle.rules';

const rules: CleRules = { ...EXAMPLE_CLE_RULES, required: { totalHours: 20, perCategory: { ethics: 2 } }, carryOver: { maxHours: 5, neverCarried: ['ethics'] } };
const year = { start: '2026-01-01', end: '2026-12-31' };
const member = { hours: {}, previousHours: {}, admittedOn: null, exemptions: [] };

describe('cycles', () => {
  it('a calendar year', () => {
    expect(cycleContaining({ kind: 'calendar_year' }, '2026-07-04')).toEqual(year);
  });

  it('N years from a date, before and after it', () => {
    const c = { kind: 'years' as const, years: 3, startsOn: '2024-04-01' };
    expect(cycleContaining(c, '2026-03-31')).toEqual({ start: '2024-04-01', end: '2027-03-31' });
    expect(cycleContaining(c, '2027-04-01')).toEqual({ start: '2027-04-01', end: '2030-03-31' });
    expect(cycleContaining(c, '2023-01-01')).toEqual({ start: '2021-04-01', end: '2024-03-31' });
    expect(previousCycle(c, { start: '2024-04-01', end: '2027-03-31' })).toEqual({ start: '2021-04-01', end: '2024-03-31' });
  });

  it('the day in the organisation’s time zone, not UTC', () => {
    expect(dayIn('Asia/Baku', new Date('2026-12-31T21:30:00Z'))).toBe('2027-01-01');
    expect(dayIn('UTC', new Date('2026-12-31T21:30:00Z'))).toBe('2026-12-31');
  });
});

describe('evaluateCompliance', () => {
  it('caps the carry-over', () => {
    expect(carryOver(rules, { procedural_law: 40 })).toBe(5);
    const r = evaluateCompliance(rules, year, { ...member, hours: { ethics: 2, procedural_law: 10 }, previousHours: { procedural_law: 40 } });
    expect(r).toMatchObject({ carriedIn: 5, shortfall: { totalHours: 3, perCategory: {} }, status: 'short' });
  });

  it('never carries ethics, neither toward the total nor toward the ethics requirement', () => {
    expect(carryOver(rules, { ethics: 25 })).toBe(0);
    expect(carryOver(rules, { ethics: 10, procedural_law: 12 })).toBe(2);
    const r = evaluateCompliance(rules, year, { ...member, hours: { procedural_law: 20 }, previousHours: { ethics: 30 } });
    expect(r).toMatchObject({ carriedIn: 0, shortfall: { totalHours: 0, perCategory: { ethics: 2 } }, status: 'short' });
  });

  it('is compliant when the total and every category are met', () => {
    expect(evaluateCompliance(rules, year, { ...member, hours: { ethics: 2, skills: 18 } }).status).toBe('compliant');
  });

  it('an exemption covering the whole cycle makes the member exempt, with its reason', () => {
    const r = evaluateCompliance(rules, year, { ...member, exemptions: [{ fromDay: '2025-06-01', toDay: '2027-01-31', reason: 'judge on secondment' }] });
    expect(r).toMatchObject({ status: 'exempt', exemptionReason: 'judge on secondment', required: { totalHours: 0, perCategory: { ethics: 0 } }, shortfall: { totalHours: 0, perCategory: {} }, exemptDays: 365, cycleDays: 365 });
    expect(evaluateCompliance(rules, year, { ...member, exemptions: [{ fromDay: '2025-01-01', toDay: '2025-12-31', reason: 'x' }] })).toMatchObject({ status: 'short', exemptDays: 0, exemptionReason: null });
  });

  it('pro-rates an exemption covering part of the cycle: 214 of 365 days exempt leave 151, so 20 h become 8 h and ethics 2 h become 1 h', () => {
    const r = evaluateCompliance(rules, year, { ...member, exemptions: [{ fromDay: '2026-03-01', toDay: '2026-09-30', reason: 'parental leave' }] });
    // 20 × 151/365 = 8.27 → 8; 2 × 151/365 = 0.83 → 1 (the rules' unit is 1 h).
    expect(r).toMatchObject({ status: 'short', exemptionReason: 'parental leave', exemptDays: 214, required: { totalHours: 8, perCategory: { ethics: 1 } }, shortfall: { totalHours: 8, perCategory: { ethics: 1 } } });
    expect(evaluateCompliance(rules, year, { ...member, hours: { ethics: 1, skills: 7 }, exemptions: [{ fromDay: '2026-03-01', toDay: '2026-09-30', reason: 'parental leave' }] }).status).toBe('compliant');
  });

  it('counts exempt days once where exemptions overlap or touch, and only inside the cycle', () => {
    expect(exemptDaysIn(year, [{ fromDay: '2026-01-01', toDay: '2026-01-10' }, { fromDay: '2026-01-05', toDay: '2026-01-20' }, { fromDay: '2026-01-21', toDay: '2026-01-31' }])).toBe(31);
    expect(exemptDaysIn(year, [{ fromDay: '2025-12-01', toDay: '2026-01-02' }, { fromDay: '2026-12-31', toDay: '2027-02-01' }, { fromDay: '2026-06-01', toDay: '2026-06-01' }])).toBe(4);
    expect(exemptDaysIn(year, [])).toBe(0);
    expect(daysIn({ start: '2028-01-01', end: '2028-12-31' })).toBe(366);
    expect(daysIn({ start: '2100-02-28', end: '2100-03-01' })).toBe(2);
    expect(daysIn({ start: '2000-02-28', end: '2000-03-01' })).toBe(3);
    expect(daysIn({ start: '1999-12-31', end: '2026-12-02' })).toBe((Date.UTC(2026, 11, 2) - Date.UTC(1999, 11, 31)) / 86_400_000 + 1);
  });

  it('rounds to the smallest hour unit the rules use, halves up', () => {
    expect(hourUnit(rules)).toBe(1);
    expect(hourUnit({ ...rules, required: { totalHours: 1, perCategory: { ethics: 0.5 } }, newlyAdmitted: null, carryOver: { maxHours: 1, neverCarried: [] } })).toBe(0.5);
    expect(hourUnit({ ...rules, required: { totalHours: 12.25, perCategory: {} } })).toBe(0.25);
    expect(proRatedRequirement({ totalHours: 1, perCategory: { ethics: 0.5 } }, 100, 50, 0.5)).toEqual({ totalHours: 0.5, perCategory: { ethics: 0.5 } });
    expect(proRatedRequirement({ totalHours: 3, perCategory: {} }, 100, 50, 1)).toEqual({ totalHours: 2, perCategory: {} });
    expect(proRatedRequirement({ totalHours: 20, perCategory: {} }, 365, 1, 1)).toEqual({ totalHours: 20, perCategory: {} });
    expect(proRatedRequirement({ totalHours: 20, perCategory: {} }, 365, 365, 1)).toEqual({ totalHours: 0, perCategory: {} });
  });

  it('pro-rates the newly admitted track the same way, over a cycle of N years', () => {
    const three = { start: '2024-04-01', end: '2027-03-31' };
    const r = evaluateCompliance({ ...rules, cycle: { kind: 'years', years: 3, startsOn: '2024-04-01' } }, three, { ...member, admittedOn: '2026-06-01', exemptions: [{ fromDay: '2024-04-01', toDay: '2025-09-30', reason: 'not yet admitted' }] });
    // 1095 days, 548 exempt: 10 × 547/1095 = 4.995 → 5; ethics 2 × 0.4995 = 0.999 → 1.
    expect(r).toMatchObject({ track: 'newly_admitted', cycleDays: 1095, exemptDays: 548, required: { totalHours: 5, perCategory: { ethics: 1 } } });
  });

  it('puts the newly admitted on their own track, with nothing to carry', () => {
    const r = evaluateCompliance(rules, year, { ...member, hours: { ethics: 2, skills: 8 }, previousHours: { skills: 50 }, admittedOn: '2026-02-01' });
    expect(r).toMatchObject({ track: 'newly_admitted', carriedIn: 0, status: 'compliant' });
    expect(evaluateCompliance(rules, year, { ...member, admittedOn: '2020-02-01' }).track).toBe('standard');
  });
});

describe('ruleProblems', () => {
  it('accepts the example and names every bad field', () => {
    expect(ruleProblems(EXAMPLE_CLE_RULES)).toEqual([]);
    expect(ruleProblems({ ...EXAMPLE_CLE_RULES, cycle: { kind: 'years', years: 0, startsOn: 'x' }, required: { totalHours: -1, perCategory: {} } })).toEqual([
      'cycle.years must be 1 to 10 and cycle.startsOn a date as YYYY-MM-DD',
      'required.totalHours must be a number of hours from 0 to 1000',
    ]);
  });
});

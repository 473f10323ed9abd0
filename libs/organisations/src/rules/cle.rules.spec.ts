import { carryOver, CleRules, cycleContaining, dayIn, evaluateCompliance, EXAMPLE_CLE_RULES, previousCycle, ruleProblems } from './cle.rules';

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

  it('an exemption in the cycle makes the member exempt, with its reason', () => {
    const r = evaluateCompliance(rules, year, { ...member, exemptions: [{ fromDay: '2026-03-01', toDay: '2026-09-30', reason: 'parental leave' }] });
    expect(r).toMatchObject({ status: 'exempt', exemptionReason: 'parental leave', shortfall: { totalHours: 20 } });
    expect(evaluateCompliance(rules, year, { ...member, exemptions: [{ fromDay: '2025-01-01', toDay: '2025-12-31', reason: 'x' }] }).status).toBe('short');
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

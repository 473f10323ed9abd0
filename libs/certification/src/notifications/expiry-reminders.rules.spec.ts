import { daysLeft, dueReminder, settledBy } from './expiry-reminders.rules';

const now = new Date('2026-12-02T06:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe(dueReminder.name, () => {
  it('is due at 60 days, then at 7, and never for an expired certificate or one further away', () => {
    expect(dueReminder(inDays(61), now)).toBeNull();
    expect(dueReminder(inDays(60), now)).toBe(60);
    expect(dueReminder(inDays(8), now)).toBe(60);
    expect(dueReminder(inDays(7), now)).toBe(7);
    expect(dueReminder(inDays(0.5), now)).toBe(7);
    expect(dueReminder(inDays(0), now)).toBeNull();
    expect(dueReminder(inDays(-3), now)).toBeNull();
  });
});

describe(settledBy.name, () => {
  it('settles the farther reminders with the nearer one', () => {
    expect(settledBy(7)).toEqual([60, 7]);
    expect(settledBy(60)).toEqual([60]);
  });
});

describe(daysLeft.name, () => {
  it('rounds up to whole days, at least one', () => {
    expect(daysLeft(inDays(7), now)).toBe(7);
    expect(daysLeft(inDays(6.2), now)).toBe(7);
    expect(daysLeft(inDays(0.1), now)).toBe(1);
  });
});

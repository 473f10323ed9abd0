import { needsStaffMfa } from './staff-mfa.rules';

describe(needsStaffMfa.name, () => {
  it('holds back trainers and admins without MFA only when the setting is on', () => {
    expect(needsStaffMfa(true, { role: 'admin', mfaEnabled: false })).toBe(true);
    expect(needsStaffMfa(true, { role: 'trainer', mfaEnabled: false })).toBe(true);
    expect(needsStaffMfa(true, { role: 'admin', mfaEnabled: true })).toBe(false);
    expect(needsStaffMfa(true, { role: 'learner', mfaEnabled: false })).toBe(false);
    expect(needsStaffMfa(false, { role: 'admin', mfaEnabled: false })).toBe(false);
  });
});

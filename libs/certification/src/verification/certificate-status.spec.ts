import { addMonths, certificateStatus } from './certificate-status';

describe('certificateStatus', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('is valid before expiry, expired from the expiry instant, revoked whatever the dates', () => {
    expect(certificateStatus({ revokedAt: null, expiresAt: null }, now)).toBe('valid');
    expect(certificateStatus({ revokedAt: null, expiresAt: new Date('2026-11-22T12:00:01Z') }, now)).toBe('valid');
    expect(certificateStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(certificateStatus({ revokedAt: new Date('2026-01-01'), expiresAt: new Date('2020-01-01') }, now)).toBe('revoked');
  });
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-11-22T10:00:00Z'), 24).toISOString()).toBe('2028-11-22T10:00:00.000Z');
  });
});

import { isTotpCode, newRecoveryCode, normalizeRecoveryCode } from './mfa.rules';

describe('MFA rules', () => {
  it('makes recovery codes of four groups of four that read back however they are typed', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(normalizeRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeRecoveryCode('123456')).toBeNull();
  });

  it('tells a six-digit TOTP code from anything else', () => {
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('ABCD-EFGH-JKMN-PQRS')).toBe(false);
  });
});

import { base32, totpCode, totpStep } from './totp';

// RFC 6238 Appendix B, SHA-1: the secret is the ASCII "12345678901234567890"; 6-digit codes are the last six digits.
const RFC_SECRET = base32.encode(Buffer.from('12345678901234567890', 'ascii'));

describe('TOTP', () => {
  it('encodes the RFC secret as RFC 4648 base32 and back', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(Buffer.from(base32.decode(RFC_SECRET)).toString('ascii')).toBe('12345678901234567890');
  });

  it.each([[59, '287082'], [1111111109, '081804'], [1234567890, '005924'], [2000000000, '279037']])('gives the RFC 6238 code at %i s', (t, code) => {
    expect(totpCode(RFC_SECRET, t)).toBe(code);
  });

  it('accepts a code once: a step at or before the last one used is refused', () => {
    const code = totpCode(RFC_SECRET);
    const step = totpStep(RFC_SECRET, code, null);
    expect(step).toEqual(expect.any(Number));
    expect(totpStep(RFC_SECRET, code, step)).toBeNull();
    expect(totpStep(RFC_SECRET, '000000' === code ? '111111' : '000000', null)).toBeNull();
  });
});

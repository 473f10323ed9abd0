import { CODE_ALPHABET, certificateCodeProblem, checkSymbol, generateCertificateCode, normalizeCertificateCode } from './certificate-code';

describe('certificate codes', () => {
  it('are four groups of four typeable symbols with a valid check symbol', () => {
    for (let i = 0; i < 200; i++) {
      const sut = generateCertificateCode();
      expect(sut).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(normalizeCertificateCode(sut)).toBe(sut);
    }
  });

  it('carry at least 64 bits of randomness: every data symbol takes all 32 values', () => {
    const seen = Array.from({ length: 15 }, () => new Set<string>());
    for (let i = 0; i < 3000; i++) {
      const raw = generateCertificateCode().replace(/-/g, '');
      for (let p = 0; p < 15; p++) seen[p].add(raw[p]);
    }
    expect(seen.every((s) => s.size === 32)).toBe(true);
    expect(15 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(64);
  });

  it('accepts what a reader types: lower case, spaces, no hyphens, O for 0 and I or L for 1', () => {
    const data = '0123456789ABCDE';
    const code = `${data}${checkSymbol(data)}`.match(/.{4}/g)!.join('-');
    expect(normalizeCertificateCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeCertificateCode(code.replace(/-/g, '').replace('0', 'o').replace('1', 'l'))).toBe(code);
  });

  it('rejects every single-symbol typo and every swap of neighbours but 0Z/Z0', () => {
    const code = generateCertificateCode().replace(/-/g, '');
    for (let p = 0; p < code.length; p++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[p]) continue;
        expect(normalizeCertificateCode(code.slice(0, p) + ch + code.slice(p + 1))).toBeNull();
      }
      const pair = code[p] + code[p + 1];
      if (p + 1 < code.length && code[p] !== code[p + 1] && pair !== '0Z' && pair !== 'Z0') {
        expect(normalizeCertificateCode(code.slice(0, p) + code[p + 1] + code[p] + code.slice(p + 2))).toBeNull();
      }
    }
  });

  it('checks a code written as printed (the fast path) exactly as one typed loosely', () => {
    for (let i = 0; i < 50; i++) {
      const printed = generateCertificateCode();
      for (let p = 0; p < printed.length; p++) {
        if (printed[p] === '-') continue;
        for (const ch of CODE_ALPHABET) {
          const typo = printed.slice(0, p) + ch + printed.slice(p + 1);
          expect(normalizeCertificateCode(typo)).toBe(normalizeCertificateCode(typo.toLowerCase()));
          if (ch !== printed[p]) expect(normalizeCertificateCode(typo)).toBeNull();
        }
      }
    }
  });

  it('rejects what cannot be a code', () => {
    for (const bad of ['', 'ABCD', 'ABCD-EFGH-JKMN-PQRS-TVWX', 'ÄBCD-EFGH-JKMN-PQRS', 'UUUU-UUUU-UUUU-UUUU', 42, null, 'x'.repeat(100)]) {
      expect(normalizeCertificateCode(bad)).toBeNull();
    }
  });
  it('reads a code typed with the TH- prefix the verify page once showed', () => {
    const code = generateCertificateCode();
    expect(normalizeCertificateCode(`TH-${code}`)).toBe(code);
    expect(normalizeCertificateCode(`th ${code.toLowerCase()}`)).toBe(code);
    expect(normalizeCertificateCode(`TX-${code}`)).toBeNull();
  });

  it('tells a typo (the check symbol fails) from something that is no code at all', () => {
    const code = generateCertificateCode();
    const last = code.at(-1) === '0' ? '1' : '0';
    expect(certificateCodeProblem(code)).toBeNull();
    expect(certificateCodeProblem(`TH-${code}`)).toBeNull();
    expect(certificateCodeProblem(code.slice(0, -1) + last)).toBe('typo');
    expect(certificateCodeProblem('ABCD')).toBe('format');
    expect(certificateCodeProblem('UUUU-UUUU-UUUU-UUUU')).toBe('format');
  });
});

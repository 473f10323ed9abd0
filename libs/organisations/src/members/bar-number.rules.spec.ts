import { nameKey, normaliseBarNumber, sameName } from './bar-number.rules';

describe('normaliseBarNumber', () => {
  it('ignores case, spaces and hyphens', () => {
    expect(normaliseBarNumber(' az-2024 17 ')).toBe('AZ202417');
    expect(normaliseBarNumber('AZ–2024—17')).toBe('AZ202417');
  });

  it('reads Cyrillic look-alike letters as the Latin ones', () => {
    expect(normaliseBarNumber('АВ-123')).toBe('AB123');
    expect(normaliseBarNumber('ас-1')).toBe('AC1');
    expect(normaliseBarNumber('АВ-123')).toBe(normaliseBarNumber('ab 123'));
  });

  it('keeps letters that have no Latin twin as they are', () => {
    expect(normaliseBarNumber('Ж-1')).toBe('Ж1');
    expect(normaliseBarNumber('Ə-7')).toBe('Ə7');
  });

  it('refuses empty, punctuation and over-long numbers', () => {
    expect(normaliseBarNumber(' - ')).toBeNull();
    expect(normaliseBarNumber('AB;1')).toBeNull();
    expect(normaliseBarNumber('1'.repeat(51))).toBeNull();
    expect(normaliseBarNumber('A\u0000')).toBeNull();
  });
});

describe('nameKey', () => {
  it('folds case in any script and collapses spaces', () => {
    expect(sameName('Aytən  Məmmədova', 'AYTƏN MƏMMƏDOVA')).toBe(true);
    expect(sameName('Гюльнара Алиева', 'гюльнара алиева')).toBe(true);
  });

  it('compares composed and decomposed letters alike', () => {
    expect(nameKey('Mu\u0308ller')).toBe(nameKey('Müller'));
  });

  it('does not transliterate: Məmmədova and Мамедова differ (a clerk decides)', () => {
    expect(sameName('Aytən Məmmədova', 'Айтен Мамедова')).toBe(false);
  });
});

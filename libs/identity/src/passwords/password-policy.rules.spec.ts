import { passwordProblem, personalWords } from './password-policy.rules';

describe(passwordProblem.name, () => {
  const owner = { email: 'ayten.m@example.az', fullName: 'Aytən Məmmədova' };

  it.each(['password1234', '123456789012', 'qwertyuiop12', 'aaaaaaaaaaaa'])('refuses %s as common or weak', (p) => {
    expect(['common', 'weak']).toContain(passwordProblem(p, owner));
  });

  it('refuses short passwords and control characters, NUL included', () => {
    expect(passwordProblem('Sh0rt!', owner)).toBe('tooShort');
    expect(passwordProblem('\u0000'.repeat(12), owner)).toBe('controlCharacters');
    expect(passwordProblem('tab\there-is-long-enough', owner)).toBe('controlCharacters');
  });

  it('refuses a password holding the email local part or a name word, ignoring case', () => {
    expect(passwordProblem('my-AYTEN.M-vault-2026', owner)).toBe('personal');
    expect(passwordProblem('orbit-MƏMMƏDOVA-lantern', owner)).toBe('personal');
    expect(personalWords({ fullName: 'Li Wei Zhang' })).toEqual(['wei', 'zhang']);
  });

  it('accepts a long unpredictable passphrase', () => {
    expect(passwordProblem('correct-horse-battery-staple', owner)).toBeNull();
  });
});

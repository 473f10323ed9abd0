import { isPracticalEmail, hasFewCombiningMarks } from './contact-fields';

describe('contact fields', () => {
  it.each([
    'ayten@example.az', 'o\'brien@example.org', 'first.last+tag@sub.example.co.uk', 'user@xn--80ak6aa92e.com', 'gülnarə@nümunə.az', 'a@b.cd',
  ])('accepts %s', (email) => expect(isPracticalEmail(email)).toBe(true));

  it.each([
    '"<img src=x onerror=alert(1)>"@sec.test', '"quoted"@example.org', 'a<b@example.org', 'a@example', 'a@-example.org', 'a@example-.org', '.a@example.org',
    'a.@example.org', 'a..b@example.org', 'a@b@example.org', 'a@[127.0.0.1]', `${'a'.repeat(65)}@example.org`, `a@${'b'.repeat(64)}.org`,
    `a@${'b.'.repeat(130)}org`, 'a b@example.org', 'a@exa mple.org', 'a@example.1', 'a\u0000@example.org', 'a@example.org\n',
  ])('refuses %j', (email) => expect(isPracticalEmail(email)).toBe(false));

  it('accepts names with up to three combining marks in a row, and refuses more', () => {
    expect(hasFewCombiningMarks('Aytən Məmmədova')).toBe(true);
    expect(hasFewCombiningMarks('Nguyễn Thị Ngọc')).toBe(true);
    expect(hasFewCombiningMarks(`x${'\u0301'.repeat(3)}`)).toBe(true);
    expect(hasFewCombiningMarks(`x${'\u0301'.repeat(4)}`)).toBe(false);
    expect(hasFewCombiningMarks(`a${'\u0301'.repeat(190)}`)).toBe(false);
  });
});

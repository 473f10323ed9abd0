import { formatDate, pluralise, translate } from './i18n';

describe(pluralise.name, () => {
  it('picks the plural form by the language\'s ICU rules and writes the number as the language does', () => {
    const t = 'Отсчёт {minutes, plural, one {# минуты} other {# минут}} начнётся';
    expect([1, 2, 5, 21, 1.5].map((minutes) => pluralise('ru', t, { minutes }))).toEqual([
      'Отсчёт 1 минуты начнётся',
      'Отсчёт 2 минут начнётся',
      'Отсчёт 5 минут начнётся',
      'Отсчёт 21 минуты начнётся',
      'Отсчёт 1,5 минут начнётся',
    ]);
    expect(pluralise('en', '{n, plural, =0 {none} one {# hour} other {# hours}} left', { n: 0 })).toBe('none left');
  });

  it('leaves a text without plural blocks as it is, and is what translate uses', () => {
    expect(pluralise('ru', 'Осталось {minutes} мин', { minutes: 3 })).toBe('Осталось {minutes} мин');
    expect(translate('ru', 'quiz.timerStarts', { minutes: 1 })).toBe('Отсчёт 1 минуты начнётся, когда вы нажмёте кнопку.');
  });
});

describe(formatDate.name, () => {
  const at = new Date('2026-12-02T02:48:00Z'); // 06:48 in Baku
  it('writes English dates the British way, as the certificate does, and Azerbaijani date and time without a slash', () => {
    expect(formatDate('en', at)).toBe('2 December 2026');
    expect(formatDate('az', at, true)).toBe('2 dekabr 2026, 06:48');
    expect(formatDate('ru', at, true)).toBe('2 декабря 2026 г. в 06:48');
  });
});

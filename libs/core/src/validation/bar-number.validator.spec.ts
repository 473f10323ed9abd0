import { validateSync } from 'class-validator';
import { BAR_NUMBER_MESSAGE, IsBarNumber, isBarNumber } from './bar-number.validator';

class Claim {
  @IsBarNumber()
  barNumber: unknown;
}

class Profile {
  @IsBarNumber({ allowEmpty: true })
  barNumber: unknown;
}

const errorsOf = (dto: object) => validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}));
const claim = (barNumber: unknown) => Object.assign(new Claim(), { barNumber });

describe('IsBarNumber', () => {
  it.each(['AZ-12345', 'B/2019/77', 'Бакı 12.3', 'ВА 0042'])('accepts %p', (v) => {
    expect(errorsOf(claim(v))).toEqual([]);
  });

  it.each<[unknown, string]>([['', 'empty'], ['A'.repeat(51), 'too long'], ['12#4', 'a "#"'], ['12\u00004', 'a NUL byte'], [12345, 'a number'], [null, 'null']])(
    'refuses %p (%s) with the one message',
    (v, _why) => {
      expect(errorsOf(claim(v))).toEqual([BAR_NUMBER_MESSAGE]);
    },
  );

  it('accepts exactly 50 characters', () => {
    expect(isBarNumber('A'.repeat(50))).toBe(true);
  });

  it('accepts an empty string only where allowed (clearing the number on a profile)', () => {
    expect(errorsOf(Object.assign(new Profile(), { barNumber: '' }))).toEqual([]);
    expect(errorsOf(Object.assign(new Profile(), { barNumber: 'x#' }))).toEqual([BAR_NUMBER_MESSAGE]);
  });
});

import { DomainError, ErrorCode } from '@themis/core';
import { MAX_INT, OptionalPositiveIntPipe, PositiveIntPipe } from './params';

const query = (data: string) => ({ type: 'query' as const, data });

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('PositiveIntPipe', () => {
  const pipe = new PositiveIntPipe();

  it.each([['1', 1], ['42', 42], [String(MAX_INT), MAX_INT], [7, 7]])('reads %p as %p', (raw, n) => {
    expect(pipe.transform(raw, query('version'))).toBe(n);
  });

  it.each(['abc', '', '0', '-1', '01', '1e3', '0x10', ' 7', '7 ', '1.0', String(MAX_INT + 1), '99999999999', undefined, NaN, 1.5])(
    'refuses %p with a 400 naming the parameter',
    (raw) => {
      const err = refusal(() => pipe.transform(raw, query('version')));
      expect(err).toBeInstanceOf(DomainError);
      expect(err.code).toBe(ErrorCode.ValidationFailed);
      expect(err.message).toBe(`version must be a whole number from 1 to ${MAX_INT}`);
      expect(err.details).toEqual({ field: 'version', expected: 'positiveInt', max: MAX_INT });
    },
  );
});

describe('OptionalPositiveIntPipe', () => {
  const pipe = new OptionalPositiveIntPipe();

  it('leaves an absent parameter undefined and reads a present one', () => {
    expect(pipe.transform(undefined, query('from'))).toBeUndefined();
    expect(pipe.transform('3', query('from'))).toBe(3);
  });

  it('refuses an empty or bad value rather than falling back', () => {
    expect(refusal(() => pipe.transform('', query('from'))).details?.['field']).toBe('from');
    expect(refusal(() => pipe.transform('abc', query('to'))).details?.['field']).toBe('to');
  });
});

import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '@themis/core';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path segment that cannot be a slug names nothing: 404, the same as an unknown one. */
@Injectable()
export class SlugPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !SLUG.test(value)) throw new DomainError(ErrorCode.NotFound, 'Not found');
    return value;
  }
}

@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw new DomainError(ErrorCode.NotFound, 'Not found');
    return value.toLowerCase();
  }
}

/** The largest value a PostgreSQL `integer` holds: anything above it would reach the database only to fail there. */
export const MAX_INT = 2147483647;

/**
 * What a positive-integer parameter is typed as in a handler. The intersection makes TypeScript
 * emit `Object` as its design type, so the global ValidationPipe hands the raw text through
 * (it would turn `1e3`, `0x10` or ` 7` into numbers for a plain `number`) and the pipe sees what was sent.
 */
export type PositiveInt = number & { readonly positiveInt?: never };

/** A whole number from 1 written in digits only (no `1e3`, no sign), at most MAX_INT; 400 naming the field otherwise. */
export function positiveInt(raw: unknown, field: string): PositiveInt {
  // A caller may pass a number it already holds (an integer read elsewhere).
  const value = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
  if (typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_INT) return Number(value);
  // `expected` lets the page error filter say the same in the reader's language.
  throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a whole number from 1 to ${MAX_INT}`, { field, expected: 'positiveInt', max: MAX_INT });
}

/** The one pipe for a required positive-integer query or path parameter, on API and page routes alike; the field is the parameter's name. */
@Injectable()
export class PositiveIntPipe implements PipeTransform<unknown, PositiveInt> {
  transform(value: unknown, metadata: ArgumentMetadata): PositiveInt {
    return positiveInt(value, metadata.data ?? 'value');
  }
}

/** As PositiveIntPipe, but an absent parameter stays undefined. */
@Injectable()
export class OptionalPositiveIntPipe implements PipeTransform<unknown, PositiveInt | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): PositiveInt | undefined {
    return value === undefined ? undefined : positiveInt(value, metadata.data ?? 'value');
  }
}

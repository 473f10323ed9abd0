import { Injectable, PipeTransform } from '@nestjs/common';
import { isContentLanguage } from '@themis/catalog';
import { DomainError, ErrorCode } from '@themis/core';

/** `?lang=`: absent, or one of az, ru, en; anything else is a 400 naming `lang` (contract, the `lang` rows). */
@Injectable()
export class LangPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (!isContentLanguage(value)) throw new DomainError(ErrorCode.ValidationFailed, 'lang must be one of: az, ru, en', { field: 'lang' });
    return value;
  }
}

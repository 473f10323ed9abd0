import { Injectable, PipeTransform } from '@nestjs/common';
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

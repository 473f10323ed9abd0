import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '@themis/core';
import { isPageRequest } from '../web/session';

/** The one place that maps domain error codes to HTTP; the switch is exhaustive so a new code cannot be forgotten. */
export function statusFor(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.Conflict:
    case ErrorCode.EmailTaken:
    case ErrorCode.NoAttemptsLeft:
    case ErrorCode.AttemptClosed:
    case ErrorCode.LastAdmin:
      return HttpStatus.CONFLICT;
    case ErrorCode.InvalidCredentials:
    case ErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
    case ErrorCode.NotEnrolled:
    case ErrorCode.MfaRequired:
    case ErrorCode.LessonsFirst:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.TooManyAttempts:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.TooSoon:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.ServiceUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003', '53300']);

// TypeORM releases a query runner whose connection died; the next query or COMMIT then fails
// with one of these rather than the driver's error (seen in test/chaos/outage.chaos-spec.ts).
const DATABASE_DOWN_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; name?: string; driverError?: { code?: string }; message?: string };
  const code = e?.code ?? e?.driverError?.code;
  return (
    (code !== undefined && DATABASE_DOWN.has(code)) ||
    DATABASE_DOWN_ERRORS.has(e?.name ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i.test(e?.message ?? '')
  );
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  [extra: string]: unknown;
}

/** Turns anything thrown into Nest's JSON error shape; never a stack trace, and a database outage is a 503. */
/** The `Retry-After` a 429 or 503 answers with: the seconds the error names, else 30; null for any other status. */
export function retryAfterOf(body: ErrorBody): string | null {
  return body.statusCode === 429 || body.statusCode === 503 ? String(body['retryAfterSeconds'] ?? 30) : null;
}

export function toErrorBody(exception: unknown, logger?: Logger): ErrorBody {
  if (exception instanceof DomainError) {
    const status = statusFor(exception.code);
    return { statusCode: status, error: REASONS[status] ?? 'Error', message: exception.message, ...(exception.details ?? {}) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null) return { statusCode: status, error: REASONS[status] ?? 'Error', message: exception.message, ...(body as object) } as ErrorBody;
    return { statusCode: status, error: REASONS[status] ?? 'Error', message: String(body) };
  }
  const bodyParser = exception as { type?: string; status?: number; expose?: boolean };
  if (bodyParser?.type === 'entity.parse.failed') return { statusCode: 400, error: 'Bad Request', message: 'body is not valid JSON' };
  if (bodyParser?.type === 'parameters.too.many') return { statusCode: 413, error: 'Payload Too Large', message: 'the form has more fields than this endpoint accepts' };
  if (bodyParser?.type === 'entity.too.large') return { statusCode: 413, error: 'Payload Too Large', message: 'body is larger than this endpoint accepts' };
  if (bodyParser?.expose && bodyParser.status && bodyParser.status >= 400 && bodyParser.status < 500) {
    return { statusCode: bodyParser.status, error: REASONS[bodyParser.status] ?? 'Error', message: (exception as Error).message };
  }
  // PostgreSQL refuses text it cannot store (a NUL byte, an invalid sequence): the input's fault, not ours.
  const pgCode = (exception as { code?: string; driverError?: { code?: string } })?.code ?? (exception as { driverError?: { code?: string } })?.driverError?.code;
  if (pgCode === '22021' || pgCode === '22P05') return { statusCode: 400, error: 'Bad Request', message: 'the request holds characters that cannot be stored (e.g. a NUL byte)' };
  if (isDatabaseDown(exception)) return { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; try again shortly' };
  logger?.error((exception as Error)?.stack ?? String(exception));
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side' };
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception, this.logger);
    if (res.headersSent) return;
    const retryAfter = retryAfterOf(body);
    if (retryAfter) res.setHeader('Retry-After', retryAfter);
    // An unknown address outside the API is a page: answer with the site's 404 page, not JSON.
    const req = host.switchToHttp().getRequest<Request>();
    if (body.statusCode === 404 && isPageRequest(req.originalUrl.split('?')[0] ?? '/') && req.accepts('html') && res.locals['locale']) {
      return res.status(404).render('pages/error', { status: 404, title: 'error.status.404', message: 'error.status.404.message' });
    }
    // A route's @Header('Content-Type', 'application/pdf') is set before its handler runs; its error is still JSON.
    res.status(body.statusCode).type('application/json').json(body);
  }
}

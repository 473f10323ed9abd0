import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '@themis/core';
import { retryAfterOf, toErrorBody } from '../infra/domain-error.filter';

/** The Referer header as a URL, or undefined: a client may send anything there, and a throw inside this filter was a 500. */
function refererOf(req: Request): URL | undefined {
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    return new URL(referer);
  } catch {
    return undefined;
  }
}

/** A draft past one of the editor's limits names it (DRAFT_LIMITS, issue 20), on whichever page it was refused. */
function limitOf(exception: unknown): { key: string; params: Record<string, string | number> } | undefined {
  const d = exception instanceof DomainError ? exception.details : undefined;
  return d && typeof d['limit'] === 'string' ? { key: `authoring.limit.${d['limit']}`, params: (d['params'] ?? {}) as Record<string, string | number> } : undefined;
}

/** A bad whole-number parameter (`?version=abc`) is named in the reader's language, as the API names it in its message. */
function parameterOf(exception: unknown): { key: string; params: Record<string, string | number> } | undefined {
  const d = exception instanceof DomainError ? exception.details : undefined;
  return d && d['expected'] === 'positiveInt' && typeof d['field'] === 'string' ? { key: 'error.positiveInt', params: { field: d['field'], max: Number(d['max']) } } : undefined;
}

/** Where a learner can go on from "enrol first" (the course) or "too early" (the lesson), read from the path that failed. */
function wayOn(code: unknown, path: string): { href: string; label: string } | undefined {
  const m = /^\/courses\/([a-z0-9][a-z0-9-]{0,99})(?:\/lessons\/([a-z0-9][a-z0-9-]{0,99}))?(?:\/|$)/.exec(path);
  if (!m) return undefined;
  if (code === ErrorCode.NotEnrolled) return { href: `/courses/${m[1]}`, label: 'error.toCourse' };
  if (code === ErrorCode.TooSoon && m[2]) return { href: `/courses/${m[1]}/lessons/${m[2]}`, label: 'error.toLesson' };
  return undefined;
}

/**
 * Page controllers answer in HTML: an anonymous visitor is sent to sign in and brought back;
 * any other error is a translated error page with the same status the API would give.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const body = toErrorBody(exception, this.logger);
    if (body.statusCode === 401) {
      const next = req.method === 'GET' ? req.originalUrl : (refererOf(req)?.pathname ?? '/dashboard');
      return res.redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
    }
    const code = exception instanceof DomainError ? exception.code : undefined;
    // REQUIRE_STAFF_MFA: a staff session without a second factor is sent to set one up.
    if (code === ErrorCode.MfaRequired) return res.redirect(303, '/profile/mfa');
    const retry = exception instanceof DomainError ? exception.details?.['retryAfterSeconds'] : undefined;
    const retryAfter = retryAfterOf(body);
    if (retryAfter) res.setHeader('Retry-After', retryAfter);
    res.status(body.statusCode).render('pages/error', {
      status: body.statusCode,
      title: `error.status.${[400, 403, 404, 409, 422, 429].includes(body.statusCode) ? body.statusCode : 500}`,
      message: limitOf(exception) ?? parameterOf(exception) ?? (code ? `error.code.${code}` : `error.status.${body.statusCode}.message`),
      retry,
      timeLeft: code === ErrorCode.TooSoon ? retry : undefined,
      next: wayOn(code, req.originalUrl.split('?')[0] ?? '/'),
      back: refererOf(req)?.host === req.get('host') ? refererOf(req)!.pathname : null,
    });
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@themis/core';
import { toErrorBody } from '../infra/domain-error.filter';

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
      const next = req.method === 'GET' ? req.originalUrl : (req.get('referer') ? new URL(req.get('referer')!).pathname : '/dashboard');
      return res.redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
    }
    const code = exception instanceof DomainError ? exception.code : undefined;
    const retry = exception instanceof DomainError ? exception.details?.['retryAfterSeconds'] : undefined;
    if (body.statusCode === 429 || body.statusCode === 503) res.setHeader('Retry-After', '30');
    res.status(body.statusCode).render('pages/error', {
      status: body.statusCode,
      title: `error.status.${[400, 403, 404, 409, 422, 429].includes(body.statusCode) ? body.statusCode : 500}`,
      message: code ? `error.code.${code}` : `error.status.${body.statusCode}.message`,
      retry,
      back: req.get('referer') && new URL(req.get('referer')!).host === req.get('host') ? new URL(req.get('referer')!).pathname : null,
    });
  }
}

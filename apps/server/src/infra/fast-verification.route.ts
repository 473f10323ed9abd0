import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { VerificationService } from '@themis/certification';
import { toErrorBody } from './domain-error.filter';

/**
 * `GET /api/v1/verify/:code` is the hottest public route: bar associations re-check every
 * certificate at renewal time. Through Nest's router, guard and interceptors it reached about a
 * third of a bare node:http + pg server (npm run bench), the difference being framework work
 * per request. This plain Express handler answers it in front of Nest's router with the same
 * service, the same rate limit and the same answers; the Nest controller route stays, so the
 * route table and the access matrix still see it.
 */
export function mountFastVerification(app: NestExpressApplication): void {
  const verification = app.get(VerificationService);
  const logger = new Logger('Errors');
  const express = app.getHttpAdapter().getInstance() as import('express').Express;
  express.get('/api/v1/verify/:code', async (req: Request, res: Response) => {
    try {
      const result = await verification.byCode(String(req.params['code'] ?? ''), `ip:${req.ip}`);
      if (result.status === 'not_found') res.status(404).json({ statusCode: 404, status: 'not_found' });
      else res.status(200).json(result);
    } catch (err) {
      const body = toErrorBody(err, logger);
      if (body.statusCode === 429 || body.statusCode === 503) res.setHeader('Retry-After', '30');
      res.status(body.statusCode).json(body);
    }
  });
}

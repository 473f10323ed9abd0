import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import proxyaddr from 'proxy-addr';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, RequestHandler } from 'express';
import { VerificationService } from '@themis/certification';
import { retryAfterOf, toErrorBody } from './domain-error.filter';

const PREFIX = '/api/v1/verify/';

/**
 * `GET /api/v1/verify/:code` is the hottest public route: bar associations re-check every
 * certificate at renewal time. Through Nest it reached about a third of a bare node:http + pg
 * server (npm run bench), and as a plain Express route still under half: Express's router,
 * request/response prototypes, ETag hashing and the middleware stack cost more than the
 * lookup itself. So this route is answered where a bare server would answer it, on the
 * node:http `request` event before Express sees the request, with the same service (same rate
 * limit, same answers), the same client address (Express's `req.ip`, honouring TRUST_PROXY)
 * and the same security headers (helmet's, computed once). Anything else, including a code
 * that is not plain URL text, goes to Express unchanged; the Nest controller route stays, so
 * the route table and the access matrix still see it.
 */
export function mountFastVerification(app: NestExpressApplication, securityHeaders: RequestHandler): void {
  const verification = app.get(VerificationService);
  const logger = new Logger('Errors');
  const express = app.getHttpAdapter().getInstance() as Express;
  const server = app.getHttpServer() as Server;
  const headers = fixedHeaders(securityHeaders);
  const trust = express.get('trust proxy fn') as (addr: string, i: number) => boolean;
  const framework = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const code = req.method === 'GET' ? codeIn(req.url) : null;
    if (code === null) {
      for (const listener of framework) listener(req, res);
      return;
    }
    // Express's `req.ip` is exactly this (proxy-addr with the app's TRUST_PROXY function); computed
    // here instead of giving the request Express's prototype, which V8 makes every later access pay for.
    const client = `ip:${proxyaddr(req, trust)}`;
    verification.byCode(code, client).then(
      (result) => send(res, headers, result.status === 'not_found' ? 404 : 200, result.status === 'not_found' ? { statusCode: 404, status: 'not_found' } : result),
      (err: unknown) => {
        const body = toErrorBody(err, logger);
        const retryAfter = retryAfterOf(body);
        send(res, retryAfter ? { ...headers, 'retry-after': retryAfter } : headers, body.statusCode, body);
      },
    );
  });
}

/** The one-segment GET routes the fast route answers in place of Express; any of them but `:code` would be shadowed. */
const NAMED_SEGMENTS = new Set(['batch', 'document']);

/**
 * Checked once routes are registered (FastVerificationCheck): a one-segment GET route under
 * /api/v1/verify/ other than `:code` and the names passed to Express would never be reached,
 * since the fast route answers such paths first. Other methods and longer paths are not affected.
 */
export function shadowedByFastVerification(routes: { path: string; methods: Record<string, boolean> }[]): string[] {
  return routes
    .filter((r) => r.methods['get'] && r.path.startsWith(PREFIX))
    .map((r) => r.path.slice(PREFIX.length))
    .filter((segment) => !segment.includes('/') && segment !== ':code' && !NAMED_SEGMENTS.has(segment))
    .map((segment) => `GET ${PREFIX}${segment}`);
}

/** The `:code` of `/api/v1/verify/:code`, or null for any other path (and for one Express should judge). */
function codeIn(url: string | undefined): string | null {
  if (!url?.startsWith(PREFIX)) return null;
  const end = url.indexOf('?');
  const segment = url.slice(PREFIX.length, end < 0 ? undefined : end);
  // Plain code text only; escapes, sub-paths and the named routes (batch, document, holders/…) go the usual way.
  return /^[0-9A-Za-z-]{1,64}$/.test(segment) && !NAMED_SEGMENTS.has(segment) ? segment : null;
}

function send(res: ServerResponse, headers: Record<string, string>, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** The headers a middleware that only sets constant headers (helmet) would set, collected once. */
function fixedHeaders(middleware: RequestHandler): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  middleware({ headers: {}, method: 'GET', url: '/' } as never, collector as never, () => undefined);
  return headers;
}

import type { Request, Response } from 'express';
import type { AuthenticatedUser, SessionUser } from '@themis/identity';
import type { Locale } from '@themis/core';

export const SESSION_COOKIE = 'themis_session';
export const LOCALE_COOKIE = 'themis_lang';
export const CSRF_COOKIE = 'themis_csrf';

/** What page templates see about the request (res.locals). */
export interface PageLocals {
  locale: Locale;
  user: (AuthenticatedUser & { isStaff: boolean; isAdmin: boolean }) | null;
  csrfToken: string;
  currentPath: string;
}

export type PageRequest = Request & { user?: SessionUser; cookies: Record<string, string | undefined> };

/** The cookie holds the same signed access token the API issues; it names a row in `sessions`, which sign-out deletes. */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, secure: req.secure, sameSite: 'lax', path: '/', maxAge: maxAgeSeconds * 1000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: req.secure, sameSite: 'lax', path: '/' });
}

export function setLocaleCookie(req: Request, res: Response, locale: Locale): void {
  res.cookie(LOCALE_COOKIE, locale, { httpOnly: true, secure: req.secure, sameSite: 'lax', path: '/', maxAge: 365 * 24 * 3600 * 1000 });
}

/** Only same-site paths: `next` must never send a signed-in user to another origin. */
export function safeNext(next: unknown, fallback = '/dashboard'): string {
  return typeof next === 'string' && /^\/(?![\/\\])[^\s]*$/.test(next) && next.length < 500 ? next : fallback;
}

/**
 * Lower-cased first, as Express's router matches (`/API/v1/me` reaches the API controller), so a
 * path in any case is a page or the API for both: the API never reads the session cookie.
 */
export const isPageRequest = (rawPath: string): boolean => {
  const path = rawPath.toLowerCase();
  // /.well-known/ holds machine-read JSON (DID document, JWKS, issuer profile): errors there are JSON too.
  return !path.startsWith('/api/') && path !== '/api' && !path.startsWith('/health') && !path.startsWith('/assets/') && !path.startsWith('/.well-known/');
};

import * as crypto from 'node:crypto';
import { Injectable, NestMiddleware } from '@nestjs/common';
import { doubleCsrf } from 'csrf-csrf';
import type { NextFunction, Response } from 'express';
import { Locale } from '@themis/core';
import { Permission, PermissionService, SessionService, TokenKeys } from '@themis/identity';
import type { FormRequest } from '../infra/form-parser';
import { isLocale, localeFromAcceptLanguage } from './i18n';
import { CSRF_COOKIE, isPageRequest, LOCALE_COOKIE, PageLocals, PageRequest, SESSION_COOKIE } from './session';

/**
 * For page routes only (the JSON API keeps Bearer tokens): reads the session cookie into req.user
 * before the global AccessGuard runs, picks the interface language, and enforces the CSRF
 * double-submit token on every state-changing request (OWASP CSRF cheat sheet).
 */
@Injectable()
export class PageContextMiddleware implements NestMiddleware {
  private readonly csrf;

  constructor(
    private readonly sessions: SessionService,
    private readonly permissions: PermissionService,
    keys: TokenKeys,
  ) {
    // Derived from the token secret so every process of a cluster agrees without sharing state.
    const secret = crypto.createHmac('sha256', keys.current.secret).update('themis csrf v1').digest('hex');
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req) => (req as PageRequest).cookies[SESSION_COOKIE] ?? '',
      cookieName: CSRF_COOKIE,
      cookieOptions: { sameSite: 'lax', path: '/', httpOnly: true, secure: false },
      getCsrfTokenFromRequest: (req) => {
        const body = req.body as Record<string, unknown> | undefined;
        // Never from the URL, where logs, history and Referer headers keep it (issue 20): the body, or a header.
        const token = body?.['_csrf'] ?? req.headers['x-csrf-token'];
        return typeof token === 'string' ? token : undefined;
      },
    });
  }

  async use(req: PageRequest, res: Response, next: NextFunction): Promise<void> {
    // originalUrl, not path: inside Nest's middleware mount, req.path is relative to the mount point.
    if (!isPageRequest(req.originalUrl.split('?')[0] ?? '/')) return next();
    const token = req.cookies[SESSION_COOKIE];
    // The session lookup is also the read of the interface language: one primary-key query per signed-in page.
    const user = token ? await this.sessions.authenticate(token).catch(() => null) : null;
    let locale: Locale | undefined;
    if (user) {
      req.user = user;
      locale = user.locale;
    }
    const cookieLocale = req.cookies[LOCALE_COOKIE];
    locale ??= isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage(req.header('accept-language'));

    const locals: PageLocals = {
      locale,
      user: req.user ? { ...req.user, isStaff: this.permissions.has(req.user.role, Permission.ViewReports), isAdmin: this.permissions.has(req.user.role, Permission.ManageUsers) } : null,
      csrfToken: this.csrf.generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } }),
      currentPath: req.originalUrl,
    };
    Object.assign(res.locals, locals);
    res.setHeader('Vary', 'Cookie, Accept-Language');
    res.setHeader('Cache-Control', 'no-store');

    const refused = (req as FormRequest).refusedForm;
    if (refused) {
      // Nothing was read, so nothing is changed: answered before the CSRF check, whose token is in the unread body.
      const { fields, bytes } = refused.limits;
      res.status(413).render('pages/error', { status: 413, title: 'error.form.title', message: { key: `error.form.${refused.reason}`, params: { fields: fields.toLocaleString('en').replace(/,/g, ' '), size: bytes.toUpperCase().replace(/(\d)([A-Z])/, '$1 $2') } } });
      return;
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      if (!this.csrf.validateRequest(req)) {
        res.status(403).render('pages/error', { title: 'error.csrf.title', message: 'error.csrf.message', status: 403 });
        return;
      }
      if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)['_csrf'];
    }
    next();
  }
}

import type { Request, Response } from 'express';
import type { Locale } from '@themis/core';
import { clearSessionCookie, setLocaleCookie, setSessionCookie } from './session';

/** What a page service decides: render a view, or redirect (303, so a refresh never re-posts a form). */
export type PageResult =
  | { view: string; data?: object; status?: number }
  | { redirect: string; session?: { token: string; maxAgeSeconds: number } | null; locale?: Locale };

export function send(req: Request, res: Response, result: PageResult): void {
  if ('view' in result) {
    res.status(result.status ?? 200).render(result.view, result.data ?? {});
    return;
  }
  if (result.session === null) clearSessionCookie(req, res);
  else if (result.session) setSessionCookie(req, res, result.session.token, result.session.maxAgeSeconds);
  if (result.locale) setLocaleCookie(req, res, result.locale);
  res.redirect(303, result.redirect);
}

import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isPageRequest } from '../web/session';

export interface FormLimits {
  /** Most fields a form may send (body-parser's parameterLimit). */
  fields: number;
  /** Most bytes of urlencoded body, e.g. '4mb'. */
  bytes: string;
}

/** Every form but the editor's: body-parser's defaults. */
export const FORM_LIMITS: FormLimits = { fields: 1000, bytes: '256kb' };

/**
 * The course editor's forms: the quiz form sends about a dozen fields per question (up to 33 with
 * twelve options), so a 120-question quiz is past the default 1,000. 20,000 fields hold some 600
 * questions at the most options; 4 MB holds a long lesson in Cyrillic, urlencoded at 6 bytes a letter.
 */
export const AUTHORING_FORM_LIMITS: FormLimits = { fields: 20_000, bytes: '4mb' };

/** Why a page form was not read; the page middleware answers it in the visitor's language. */
export interface RefusedForm {
  reason: 'tooManyFields' | 'tooLarge';
  limits: FormLimits;
}

export type FormRequest = Request & { refusedForm?: RefusedForm };

/**
 * express.urlencoded with limits. A page form over a limit is not an error thrown past the page
 * middleware (which would answer in JSON, in English): it is recorded on the request with an empty
 * body, and PageContextMiddleware renders a 413 page naming the limit before any handler runs.
 */
export function formParser(limits: FormLimits): RequestHandler {
  const parse = express.urlencoded({ extended: false, limit: limits.bytes, parameterLimit: limits.fields });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      const type = (err as { type?: string } | undefined)?.type;
      const reason = type === 'parameters.too.many' ? 'tooManyFields' : type === 'entity.too.large' ? 'tooLarge' : undefined;
      if (!err || !reason || !isPageRequest(req.originalUrl.split('?')[0] ?? '/')) return next(err);
      (req as FormRequest).refusedForm = { reason, limits };
      req.body = {};
      next();
    });
}

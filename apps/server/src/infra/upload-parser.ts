import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { MOODLE_XML_MAX_BYTES } from '@themis/catalog';
import type { FormRequest } from './form-parser';

/** A page form that uploads one file: where it posts, its file field, and the most it may send. */
interface UploadForm {
  path: RegExp;
  field: string;
  fileBytes: number;
  fields: number;
}

/**
 * The upload forms. Their body is parsed here, before the page middleware, so that the CSRF token
 * travels in the multipart body like every other form's, and never in the URL (where it would
 * reach logs, history and Referer headers). A multipart post anywhere else is not parsed, finds no
 * token, and is refused by the CSRF check.
 */
export const UPLOAD_FORMS: UploadForm[] = [
  { path: /^\/staff\/authoring\/archives$/i, field: 'archive', fileBytes: 20 * 1024 * 1024, fields: 2 },
  { path: /^\/staff\/authoring\/[^/]+\/quizzes\/[^/]+\/gift$/i, field: 'gift-file', fileBytes: 1024 * 1024, fields: 3 },
  { path: /^\/staff\/authoring\/[^/]+\/quizzes\/[^/]+\/moodle-xml$/i, field: 'moodle-xml-file', fileBytes: MOODLE_XML_MAX_BYTES, fields: 3 },
  { path: /^\/verify\/document$/i, field: 'document', fileBytes: 10 * 1024 * 1024, fields: 2 },
  { path: /^\/organisations\/[^/]+\/roster$/i, field: 'roster', fileBytes: 5 * 1024 * 1024, fields: 2 },
  { path: /^\/organisations\/[^/]+\/bulk-verification$/i, field: 'codes-file', fileBytes: 256 * 1024, fields: 3 },
];

const TOO_MANY = new Set(['LIMIT_FIELD_COUNT', 'LIMIT_PART_COUNT', 'LIMIT_FILE_COUNT', 'LIMIT_UNEXPECTED_FILE', 'LIMIT_FIELD_KEY']);

export function uploadParser(): RequestHandler {
  const parsers = UPLOAD_FORMS.map((f) => ({
    form: f,
    parse: multer({ storage: multer.memoryStorage(), limits: { fileSize: f.fileBytes, files: 1, fields: f.fields, fieldSize: 64 * 1024 } }).single(f.field),
  }));
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    const path = req.originalUrl.split('?')[0] ?? '/';
    const match = parsers.find((p) => p.form.path.test(path));
    if (!match) return next();
    match.parse(req, res, (err?: unknown) => {
      if (!err) return next();
      // Over a limit, or malformed: refused with a page in the visitor's language, as an oversized form is.
      const code = (err as { code?: string }).code ?? '';
      (req as FormRequest).refusedForm = { reason: TOO_MANY.has(code) ? 'tooManyFields' : 'tooLarge', limits: { fields: match.form.fields + 1, bytes: `${match.form.fileBytes / 1024 / 1024}mb` } };
      req.body = {};
      delete (req as Request & { file?: unknown }).file;
      next();
    });
  };
}

import * as crypto from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * A secret shown once across a POST-redirect-GET (a new API key): sealed with AES-256-GCM under a
 * key derived from the token secret, in an HttpOnly cookie scoped to the page that shows it, for
 * five minutes, and cleared by the GET that shows it. The browser never sees it in clear until the
 * page renders it; a refresh of that page shows it no more, and no process keeps it.
 */
export class RevealOnce {
  private readonly key: Buffer;

  constructor(secret: string, private readonly cookie: string, private readonly path: string) {
    this.key = crypto.createHmac('sha256', secret).update(`themis reveal-once v1 ${cookie}`).digest();
  }

  seal(req: Request, res: Response, value: object): void {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    res.cookie(this.cookie, sealed, { httpOnly: true, secure: req.secure, sameSite: 'strict', path: this.path, maxAge: 5 * 60 * 1000 });
  }

  /** The sealed value, once; undefined when there is none or it does not open. */
  open<T>(req: Request & { cookies?: Record<string, string | undefined> }, res: Response): T | undefined {
    const sealed = req.cookies?.[this.cookie];
    if (!sealed) return undefined;
    res.clearCookie(this.cookie, { httpOnly: true, secure: req.secure, sameSite: 'strict', path: this.path });
    try {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@themis/core';
import { EmailChangeService, PasswordResetService } from '@themis/identity';
import { PageResult } from '../../web/page-result';
import { passwordErrorKey } from './account-pages.service';

const text = (v: unknown, max = 256): string => (typeof v === 'string' ? v.slice(0, max) : '');
const isEmail = (v: string) => /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(v) && v.length <= 254;

/** The pages a mail's link opens, and the forgotten-password request: none needs a session. */
@Injectable()
export class RecoveryPagesService {
  constructor(private readonly resets: PasswordResetService, private readonly emails: EmailChangeService) {}

  async requestReset(body: Record<string, unknown>, ip: string): Promise<PageResult> {
    const email = text(body['email'], 254).trim();
    if (!isEmail(email)) return { view: 'pages/account/forgot-password', status: 400, data: { title: 'reset.title', email, errors: { email: 'form.invalid.email' }, errorList: [{ field: 'email', message: 'form.invalid.email' }] } };
    try {
      await this.resets.request(email, ip);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== ErrorCode.TooManyAttempts) throw err;
      return { view: 'pages/account/forgot-password', status: 429, data: { title: 'reset.title', email, formError: 'reset.tooMany' } };
    }
    return { view: 'pages/account/forgot-password', data: { title: 'reset.title', sent: true } };
  }

  resetForm(token: unknown): object {
    return { title: 'reset.newTitle', token: text(token, 100) };
  }

  async confirmReset(body: Record<string, unknown>): Promise<PageResult> {
    const token = text(body['token'], 100);
    try {
      await this.resets.confirm(token, text(body['password']));
      return { redirect: '/sign-in?notice=passwordReset' };
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== ErrorCode.ValidationFailed) throw err;
      const field = String(err.details?.['field'] ?? 'password');
      const message = field === 'token' ? 'reset.badToken' : passwordErrorKey(err.details?.['reason']);
      return { view: 'pages/account/reset-password', status: 400, data: { title: 'reset.newTitle', token, errors: { [field]: message }, errorList: [{ field: field === 'token' ? 'password' : field, message }] } };
    }
  }

  confirmEmailForm(token: unknown): object {
    return { title: 'emailChange.confirmTitle', token: text(token, 100) };
  }

  async confirmEmail(body: Record<string, unknown>): Promise<PageResult> {
    try {
      const user = await this.emails.confirm(text(body['token'], 100));
      return { view: 'pages/account/confirm-email', data: { title: 'emailChange.confirmTitle', done: true, email: user.email } };
    } catch (err) {
      if (!(err instanceof DomainError) || ![ErrorCode.ValidationFailed, ErrorCode.EmailTaken].includes(err.code)) throw err;
      const formError = err.code === ErrorCode.EmailTaken ? 'form.emailTaken' : 'reset.badToken';
      return { view: 'pages/account/confirm-email', status: err.code === ErrorCode.EmailTaken ? 409 : 400, data: { title: 'emailChange.confirmTitle', formError } };
    }
  }
}

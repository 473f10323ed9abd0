import { Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { DomainError, ErrorCode } from '@themis/core';
import { EmailChangeService, MfaService, PasswordService, SessionService, SessionUser, UsersService } from '@themis/identity';
import { AccountDataService } from '../../accounts/account-data.service';
import { PageResult } from '../../web/page-result';

const text = (v: unknown, max = 256): string => (typeof v === 'string' ? v.slice(0, max) : '');

/** Error keys for a refused password: the reason the rule gives, in the user's language. */
export const passwordErrorKey = (reason: unknown): string => (reason === 'tooShort' || typeof reason !== 'string' ? 'form.invalid.password' : `form.password.${reason}`);

/** /profile/security: password, sessions, two-factor sign-in. */
@Injectable()
export class AccountPagesService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly emails: EmailChangeService,
    private readonly data: AccountDataService,
  ) {}

  async security(user: SessionUser, notice?: string, extra: object = {}): Promise<object> {
    const profile = await this.users.findById(user.id);
    const remaining = profile.mfaEnabled ? await this.mfa.remainingRecoveryCodes(user.id) : 0;
    return { title: 'security.title', profile, remaining, notice: notice && /^[a-zA-Z]+$/.test(notice) ? `security.notice.${notice}` : null, ...extra };
  }

  async changePassword(user: SessionUser, body: Record<string, unknown>, ip: string): Promise<PageResult> {
    try {
      const token = await this.passwords.change(user.id, text(body['currentPassword']), text(body['newPassword']), ip);
      return { redirect: '/profile/security?notice=passwordChanged', session: { token: token.accessToken, maxAgeSeconds: token.expiresIn } };
    } catch (err) {
      if (!(err instanceof DomainError) || ![ErrorCode.ValidationFailed, ErrorCode.TooManyAttempts].includes(err.code)) throw err;
      const field = err.code === ErrorCode.TooManyAttempts ? 'currentPassword' : String(err.details?.['field'] ?? 'newPassword');
      const message = err.code === ErrorCode.TooManyAttempts ? 'error.code.TOO_MANY_ATTEMPTS' : field === 'currentPassword' ? 'form.invalid.currentPassword' : passwordErrorKey(err.details?.['reason']);
      const errors = { [field]: message };
      return { view: 'pages/account/security', status: err.code === ErrorCode.TooManyAttempts ? 429 : 400, data: await this.security(user, undefined, { errors, errorList: [{ field, message }] }) };
    }
  }

  /** Sends the confirmation link to the new address; nothing changes until it is followed. */
  async changeEmail(user: SessionUser, body: Record<string, unknown>, ip: string): Promise<PageResult> {
    const email = text(body['email'], 254).trim();
    try {
      if (!/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(email)) throw new DomainError(ErrorCode.ValidationFailed, 'email', { field: 'email' });
      await this.emails.request(user.id, email, text(body['emailPassword']), ip);
      return { redirect: '/profile/security?notice=emailSent' };
    } catch (err) {
      if (!(err instanceof DomainError) || ![ErrorCode.ValidationFailed, ErrorCode.TooManyAttempts, ErrorCode.EmailTaken].includes(err.code)) throw err;
      const field = err.code === ErrorCode.ValidationFailed && err.details?.['field'] === 'currentPassword' ? 'emailPassword' : 'email';
      const message = err.code === ErrorCode.TooManyAttempts ? 'error.code.TOO_MANY_ATTEMPTS' : err.code === ErrorCode.EmailTaken ? 'form.emailTaken' : field === 'emailPassword' ? 'form.invalid.currentPassword' : 'form.invalid.email';
      return { view: 'pages/account/security', status: err.code === ErrorCode.TooManyAttempts ? 429 : err.code === ErrorCode.EmailTaken ? 409 : 400, data: await this.security(user, undefined, { newEmail: email, errors: { [field]: message }, errorList: [{ field, message }] }) };
    }
  }

  async closeAccount(user: SessionUser, body: Record<string, unknown>, ip: string): Promise<PageResult> {
    try {
      await this.data.close(user.id, text(body['closePassword']), ip);
      return { redirect: '/?closed=1', session: null };
    } catch (err) {
      if (!(err instanceof DomainError) || ![ErrorCode.ValidationFailed, ErrorCode.TooManyAttempts, ErrorCode.LastAdmin].includes(err.code)) throw err;
      const message = err.code === ErrorCode.ValidationFailed ? 'form.invalid.currentPassword' : `error.code.${err.code}`;
      return { view: 'pages/account/security', status: err.code === ErrorCode.ValidationFailed ? 400 : err.code === ErrorCode.LastAdmin ? 409 : 429, data: await this.security(user, undefined, { errors: { closePassword: message }, errorList: [{ field: 'closePassword', message }] }) };
    }
  }

  /** Every session of the account ends, this browser's too. */
  async endAllSessions(user: SessionUser): Promise<PageResult> {
    await this.sessions.endAllForUser(user.id);
    return { redirect: '/sign-in?next=%2Fprofile%2Fsecurity', session: null };
  }

  async mfaPage(user: SessionUser): Promise<object> {
    const profile = await this.users.findById(user.id);
    return { title: 'mfa.title', profile };
  }

  /** Shows the secret once, as a QR code and as text, with the ten recovery codes. */
  async startMfa(user: SessionUser): Promise<PageResult> {
    const profile = await this.users.findById(user.id);
    const setup = await this.mfa.begin(user.id, profile.email);
    const qr = await QRCode.toDataURL(setup.otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { view: 'pages/account/mfa', data: { title: 'mfa.title', profile, setup: { ...setup, qr, groupedSecret: setup.secret.match(/.{1,4}/g)!.join(' ') } } };
  }

  async confirmMfa(user: SessionUser, body: Record<string, unknown>): Promise<PageResult> {
    try {
      await this.mfa.confirm(user.id, text(body['code'], 32));
      return { redirect: '/profile/security?notice=mfaOn' };
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== ErrorCode.ValidationFailed) throw err;
      const profile = await this.users.findById(user.id);
      return { view: 'pages/account/mfa', status: 400, data: { title: 'mfa.title', profile, pending: true, errors: { code: 'mfa.wrongCode' }, errorList: [{ field: 'code', message: 'mfa.wrongCode' }] } };
    }
  }
}

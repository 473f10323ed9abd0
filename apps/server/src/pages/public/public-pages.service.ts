import { Injectable } from '@nestjs/common';
import { CatalogService } from '@themis/catalog';
import { DomainError, ErrorCode, Locale, PROFESSIONS } from '@themis/core';
import { AuthenticatedUser, AuthService, CheckedUser, RegisterDto, SessionService, SessionUser, TokenResponse, UsersService } from '@themis/identity';
import { validateForm } from '../../web/form';
import { isLocale } from '../../web/i18n';
import { PageResult } from '../../web/page-result';
import { safeNext } from '../../web/session';

export const professionOptions = (selected?: string) => PROFESSIONS.map((p) => ({ value: p, label: `profession.${p}`, selected: p === selected }));

@Injectable()
export class PublicPagesService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  async home(audience: unknown): Promise<object> {
    const filter = typeof audience === 'string' && (PROFESSIONS as readonly string[]).includes(audience) ? audience : undefined;
    const courses = await this.catalog.listPublished(filter);
    return { title: 'home.title', courses, professions: professionOptions(filter), audience: filter ?? null };
  }

  signInForm(next: unknown, notice?: unknown): object {
    return { title: 'signIn.title', next: safeNext(next), notice: notice === 'passwordReset' ? 'signIn.passwordReset' : null };
  }

  async signIn(body: Record<string, unknown>, ip: string): Promise<PageResult> {
    const email = typeof body['email'] === 'string' ? body['email'] : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const next = safeNext(body['next']);
    try {
      if (!email || !password || email.length > 254 || password.length > 256) throw new DomainError(ErrorCode.InvalidCredentials, 'missing');
      const user = await this.auth.validateCredentials(email, password, ip);
      return await this.signedIn(user, next);
    } catch (err) {
      if (!(err instanceof DomainError) || ![ErrorCode.InvalidCredentials, ErrorCode.TooManyAttempts].includes(err.code)) throw err;
      const message = err.code === ErrorCode.TooManyAttempts ? 'error.code.TOO_MANY_ATTEMPTS' : 'signIn.failed';
      return { view: 'pages/sign-in', status: err.code === ErrorCode.TooManyAttempts ? 429 : 401, data: { title: 'signIn.title', next, email, formError: message, offerReset: err.code === ErrorCode.TooManyAttempts } };
    }
  }

  /** The second step for an account with MFA on: the challenge's token travels in the form, never in a cookie. */
  async signInMfa(body: Record<string, unknown>): Promise<PageResult> {
    const mfaToken = typeof body['mfaToken'] === 'string' ? body['mfaToken'].slice(0, 128) : '';
    const code = typeof body['code'] === 'string' ? body['code'].slice(0, 32) : '';
    const next = safeNext(body['next']);
    try {
      if (!mfaToken || !code) throw new DomainError(ErrorCode.InvalidCredentials, 'missing');
      return await this.session(await this.auth.signInWithCode(mfaToken, code), next);
    } catch (err) {
      if (!(err instanceof DomainError) || ![ErrorCode.InvalidCredentials, ErrorCode.TooManyAttempts].includes(err.code)) throw err;
      if (err.code === ErrorCode.TooManyAttempts) return { view: 'pages/sign-in', status: 429, data: { title: 'signIn.title', next, formError: 'signIn.mfaTooMany' } };
      return { view: 'pages/sign-in-mfa', status: 401, data: { title: 'signIn.mfaTitle', next, mfaToken, formError: 'signIn.mfaFailed' } };
    }
  }

  signUpForm(locale: Locale): object {
    return { title: 'signUp.title', form: { locale }, professions: professionOptions() };
  }

  async signUp(body: Record<string, unknown>, ip: string): Promise<PageResult> {
    const { value, errors } = await validateForm(RegisterDto, body);
    const form = { fullName: body['fullName'], email: body['email'], barNumber: body['barNumber'], profession: body['profession'], locale: isLocale(body['locale']) ? body['locale'] : 'en' };
    const again = (fieldErrors: Record<string, string>): PageResult => ({
      view: 'pages/sign-up',
      status: 400,
      data: { title: 'signUp.title', form, errors: fieldErrors, errorList: Object.entries(fieldErrors).map(([field, message]) => ({ field, message })), professions: professionOptions(String(form.profession)) },
    });
    if (errors) return again(errors);
    try {
      await this.users.register(value, ip);
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.EmailTaken) return again({ email: 'form.emailTaken' });
      throw err;
    }
    const user = await this.auth.validateCredentials(value.email, value.password, ip);
    return this.signedIn(user, '/dashboard');
  }

  /** Ends this browser's session on the server, not only its cookie. */
  async signOut(user: SessionUser | undefined): Promise<PageResult> {
    if (user) await this.sessions.end(user.sessionId);
    return { redirect: '/', session: null };
  }

  /** The switcher: saved to the profile when signed in, to a cookie otherwise. */
  async setLanguage(user: AuthenticatedUser | undefined, body: Record<string, unknown>): Promise<PageResult> {
    const locale = isLocale(body['locale']) ? body['locale'] : 'en';
    if (user) await this.users.updateProfile(user.id, { locale });
    return { redirect: safeNext(body['next'], '/'), locale };
  }

  private async signedIn(user: CheckedUser, next: string): Promise<PageResult> {
    const result = await this.auth.signIn(user);
    if ('mfaRequired' in result) return { view: 'pages/sign-in-mfa', data: { title: 'signIn.mfaTitle', next, mfaToken: result.mfaToken } };
    return this.session(result, next);
  }

  private async session(token: TokenResponse, next: string): Promise<PageResult> {
    const user = await this.sessions.authenticate(token.accessToken);
    return { redirect: next, session: { token: token.accessToken, maxAgeSeconds: token.expiresIn }, ...(user ? { locale: user.locale } : {}) };
  }
}

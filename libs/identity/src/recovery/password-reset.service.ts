import * as crypto from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, normalizeEmail } from '@themis/core';
import { inTransaction } from '@themis/database';
import { JobQueue } from '@themis/jobs';
import { MailQueue } from '@themis/mail';
import { EventRateLimit } from '../auth/event-rate-limit';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { MfaService } from '../mfa/mfa.service';
import { assertAcceptablePassword } from '../passwords/password.service';
import { SessionService } from '../sessions/session.service';
import { UsersService } from '../users/users.service';
import { ACCOUNT_TOKEN_TTL_MINUTES, AccountTokens } from './account-tokens';

export const PASSWORD_RESET_QUEUE = 'account-password-reset';
const PER_ADDRESS_PER_HOUR = 5;
const PER_CLIENT_PER_HOUR = 30;

interface ResetJob { requestId: string; email: string }

/**
 * Password reset by mail (NIST SP 800-63B §6.1.2.3, OWASP Forgot Password cheat sheet). The
 * request does the same work for a known and an unknown address (two rate-limit counts and one
 * job): whether the account exists is decided in the job, which is where the token is made and
 * the mail queued, in one transaction. The confirmation spends the token, sets the password,
 * ends every session and MFA challenge of the account, lifts the sign-in lock, and sends a notice.
 */
@Injectable()
export class PasswordResetService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly mail: MailQueue,
    private readonly users: UsersService,
    private readonly tokens: AccountTokens,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly throttle: LoginThrottle,
    private readonly rateLimit: EventRateLimit,
  ) {}

  onModuleInit(): void {
    this.jobs.work<ResetJob>(PASSWORD_RESET_QUEUE, (job) => this.sendLink(job));
  }

  async request(email: string, ip: string): Promise<Record<string, never>> {
    const address = normalizeEmail(email);
    await this.rateLimit.consume('reset-ip', ip, PER_CLIENT_PER_HOUR, 3600, 'Too many password reset requests from this address; try again later');
    await this.rateLimit.consume('reset-address', address, PER_ADDRESS_PER_HOUR, 3600, 'Too many password reset requests for this email address; try again later');
    await this.requestFor(address);
    return {};
  }

  /** An admin sends the link for an account (no rate limit: admins are audited instead). */
  async requestFor(email: string): Promise<void> {
    await this.jobs.send(PASSWORD_RESET_QUEUE, { requestId: crypto.randomUUID(), email: normalizeEmail(email) } satisfies ResetJob, { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true });
  }

  /** The job: a link for an active account, nothing at all for an unknown one. A retry makes no second token. */
  async sendLink(job: ResetJob): Promise<void> {
    await inTransaction(this.db, async (m) => {
      const user = await this.users.findContact({ email: job.email }, m);
      if (!user) return;
      const token = await this.tokens.create(m, job.requestId, user.id, 'password_reset');
      if (!token) return;
      await this.mail.enqueue(
        { eventKey: `password-reset:${job.requestId}`, to: user.email, locale: user.locale, template: 'password-reset', params: { name: user.fullName, minutes: ACCOUNT_TOKEN_TTL_MINUTES }, links: { link: `/reset-password?token=${token}` } },
        m,
      );
    });
  }

  async confirm(token: string, password: string): Promise<Record<string, never>> {
    const badToken = () => new DomainError(ErrorCode.ValidationFailed, 'token is unknown, already used or expired; ask for a new link', { field: 'token' });
    // The token and the password are checked first, and the Argon2 hash made outside any
    // transaction; the token is then spent under its row lock, so two confirmations cannot both win.
    await inTransaction(this.db, async (m) => {
      const row = await this.tokens.lock(m, token, 'password_reset');
      const user = row && (await this.users.findForPasswordChange(row.userId, m));
      if (!user) throw badToken();
      assertAcceptablePassword('password', password, user);
    });
    const hash = await this.hasher.hash(password);
    await inTransaction(this.db, async (m) => {
      const row = await this.tokens.lock(m, token, 'password_reset');
      const user = row && (await this.users.findContact({ id: row.userId }, m));
      if (!row || !user) throw badToken();
      await this.tokens.spendAll(m, row.userId, 'password_reset');
      await this.users.setPasswordHash(row.userId, hash, m);
      await this.sessions.endAllForUser(row.userId, m);
      await this.mfa.endChallenges(row.userId, m);
      await this.throttle.clear(user.email, m);
      await this.mail.enqueue({ eventKey: `password-changed:reset:${row.id}`, to: user.email, locale: user.locale, template: 'password-changed', params: { name: user.fullName } }, m);
    });
    return {};
  }
}

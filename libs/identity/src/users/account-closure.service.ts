import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@themis/core';
import { MailQueue } from '@themis/mail';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { MfaService } from '../mfa/mfa.service';
import { SessionService } from '../sessions/session.service';
import { UsersService } from './users.service';

/**
 * Identity's part of closing an account (the app's use case runs every lib's part in one
 * transaction). The row stays, because issued certificates name it (their certified facts are
 * copied onto the certificate at issue); everything that reaches or identifies the person on it
 * goes: email (released for a new account), name, bar number, password, MFA, sessions, tokens.
 */
@Injectable()
export class AccountClosureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly throttle: LoginThrottle,
    private readonly mail: MailQueue,
  ) {}

  /** The holder confirms with their password (400 naming `currentPassword`), counted like sign-in attempts. */
  async assertPassword(userId: string, password: string, ip: string): Promise<void> {
    const user = await this.users.findForPasswordChange(userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'This account cannot sign in');
    await this.throttle.reserve(user.email, ip);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'currentPassword is not your current password', { field: 'currentPassword' });
    }
    await this.throttle.clear(user.email);
  }

  async close(m: EntityManager, userId: string): Promise<void> {
    await m.query(`SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`);
    const [user] = await m.query(`SELECT email, full_name AS "fullName", locale, role, deactivated_at AS "deactivatedAt" FROM users WHERE id = $1 AND closed_at IS NULL FOR UPDATE`, [userId]);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'This account is closed');
    if (user.role === 'admin' && !user.deactivatedAt) {
      const [other] = await m.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND deactivated_at IS NULL AND id <> $1`, [userId]);
      if (other.n === 0) throw new DomainError(ErrorCode.LastAdmin, 'The last active administrator cannot close their account');
    }
    await this.mail.enqueue({ eventKey: `account-closed:${userId}`, to: user.email, locale: user.locale, template: 'account-closed', params: { name: user.fullName } }, m);
    await this.sessions.endAllForUser(userId, m);
    await this.mfa.reset(userId, m);
    await this.throttle.clear(user.email, m);
    await m.query(`DELETE FROM account_tokens WHERE user_id = $1`, [userId]);
    // `.invalid` is reserved (RFC 2606): the placeholder can never be a real address, and the real one is free again.
    await m.query(
      `UPDATE users SET email = 'closed-' || id || '@closed.invalid', full_name = '', bar_number = NULL, password_hash = '',
              role = 'learner', closed_at = now(), deactivated_at = now(), updated_at = now() WHERE id = $1`,
      [userId],
    );
  }
}

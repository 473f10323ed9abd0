import * as crypto from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@themis/core';
import { inTransaction } from '@themis/database';
import { MailQueue } from '@themis/mail';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { TokenResponse } from '../dto/register.dto';
import { SessionService } from '../sessions/session.service';
import { UsersService } from '../users/users.service';
import { PASSWORD_MESSAGES, passwordProblem } from './password-policy.rules';

/** 400 naming `field` when the password breaks the contract's rule for this person. */
export function assertAcceptablePassword(field: string, password: unknown, owner: { email: string; fullName: string }): asserts password is string {
  const problem = passwordProblem(password, owner);
  if (problem) throw new DomainError(ErrorCode.ValidationFailed, `${field} ${PASSWORD_MESSAGES[problem]}`, { field, reason: problem });
}

@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly mail: MailQueue,
  ) {}

  /**
   * Changes the password (the current one required, counted like sign-in attempts), ends every
   * session of the account, this one included, and answers with a fresh token.
   */
  async change(userId: string, currentPassword: string, newPassword: string, ip: string): Promise<TokenResponse> {
    const user = await this.users.findForPasswordChange(userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'This account cannot sign in');
    await this.throttle.reserve(user.email, ip);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'currentPassword is not your current password', { field: 'currentPassword' });
    }
    await this.throttle.clear(user.email);
    assertAcceptablePassword('newPassword', newPassword, user);
    const hash = await this.hasher.hash(newPassword);
    const contact = await this.users.findContact({ id: userId });
    return inTransaction(this.db, async (m) => {
      await this.users.setPasswordHash(userId, hash, m);
      await this.sessions.endAllForUser(userId, m);
      const fresh = await this.sessions.start({ id: user.id, role: user.role, fullName: user.fullName }, m);
      if (contact) await this.mail.enqueue({ eventKey: `password-changed:${crypto.randomUUID()}`, to: contact.email, locale: contact.locale, template: 'password-changed', params: { name: contact.fullName } }, m);
      return fresh;
    });
  }
}

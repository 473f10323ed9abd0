import * as crypto from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, normalizeEmail } from '@themis/core';
import { inTransaction } from '@themis/database';
import { MailQueue } from '@themis/mail';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { UserResponse } from '../dto/register.dto';
import { UsersService } from '../users/users.service';
import { ACCOUNT_TOKEN_TTL_MINUTES, AccountTokens } from './account-tokens';

/**
 * A new address is proven before it is used: the link goes to the new address, the account
 * changes only when it is followed, and the old address is told (so a hijack does not go unseen).
 */
@Injectable()
export class EmailChangeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailQueue,
    private readonly users: UsersService,
    private readonly tokens: AccountTokens,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async request(userId: string, newEmail: string, currentPassword: string, ip: string): Promise<Record<string, never>> {
    const user = await this.users.findForPasswordChange(userId);
    const contact = await this.users.findContact({ id: userId });
    if (!user || !contact) throw new DomainError(ErrorCode.Unauthenticated, 'This account cannot sign in');
    await this.throttle.reserve(user.email, ip);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'currentPassword is not your current password', { field: 'currentPassword' });
    }
    await this.throttle.clear(user.email);
    const email = normalizeEmail(newEmail);
    if (email === user.email) throw new DomainError(ErrorCode.ValidationFailed, 'email is already the address of this account', { field: 'email' });
    if (await this.users.emailTaken(email)) throw new DomainError(ErrorCode.EmailTaken, 'email is already registered', { field: 'email' });
    await inTransaction(this.db, async (m) => {
      const id = crypto.randomUUID();
      const token = (await this.tokens.create(m, id, userId, 'email_change', email))!;
      await this.mail.enqueue(
        { eventKey: `email-change:${id}`, to: email, locale: contact.locale, template: 'email-change-confirmation', params: { name: contact.fullName, minutes: ACCOUNT_TOKEN_TTL_MINUTES }, links: { link: `/confirm-email?token=${token}` } },
        m,
      );
    });
    return {};
  }

  async confirm(token: string): Promise<UserResponse> {
    const userId = await inTransaction(this.db, async (m) => {
      const row = await this.tokens.lock(m, token, 'email_change');
      const before = row && (await this.users.findContact({ id: row.userId }, m));
      if (!row || !before || !row.newEmail) throw new DomainError(ErrorCode.ValidationFailed, 'token is unknown, already used or expired; ask for a new link', { field: 'token' });
      await this.users.setEmail(row.userId, row.newEmail, m);
      await this.tokens.spendAll(m, row.userId, 'email_change');
      await this.mail.enqueue({ eventKey: `email-changed:${row.id}`, to: before.email, locale: before.locale, template: 'email-changed', params: { name: before.fullName, newEmail: row.newEmail } }, m);
      return row.userId;
    });
    return this.users.findById(userId);
  }
}

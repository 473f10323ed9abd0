import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode, notFound, Role } from '@themis/core';
import { inTransaction } from '@themis/database';
import { LoginThrottle } from '../auth/login-throttle';
import { UserResponse } from '../dto/register.dto';
import { User } from '../entities/user.entity';
import { MfaService } from '../mfa/mfa.service';
import { PasswordResetService } from '../recovery/password-reset.service';
import { SessionService } from '../sessions/session.service';
import { UsersService } from '../users/users.service';

export interface UserSearchResponse { total: number; limit: number; offset: number; users: UserResponse[] }

/**
 * What an administrator does to other people's accounts. Each change that alters what a
 * person may do ends their sessions, and none may leave the platform without an active
 * admin: the active admins' rows are locked (in id order, so concurrent changes queue
 * rather than deadlock) before they are counted.
 */
@Injectable()
export class AccountAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly throttle: LoginThrottle,
    private readonly resets: PasswordResetService,
  ) {}

  async search(query: string | undefined, limit: number, offset: number): Promise<UserSearchResponse> {
    const q = query?.trim();
    const qb = this.db.getRepository(User).createQueryBuilder('u').where('u.closedAt IS NULL').orderBy('u.createdAt', 'DESC').addOrderBy('u.id').take(limit).skip(offset);
    if (q) qb.andWhere(`(u.email ILIKE :q OR u.fullName ILIKE :q OR u.barNumber ILIKE :q)`, { q: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [rows, total] = await qb.getManyAndCount();
    return { total, limit, offset, users: rows.map(UsersService.toResponse) };
  }

  async setRole(id: string, role: Role): Promise<UserResponse> {
    await inTransaction(this.db, async (m) => {
      const target = await this.lockTarget(m, id);
      if (target.role === role) return;
      if (target.role === 'admin' && !target.deactivatedAt) await this.assertAnotherAdmin(m, id);
      await m.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [id, role]);
      await this.sessions.endAllForUser(id, m);
    });
    return this.users.findById(id);
  }

  async deactivate(id: string): Promise<UserResponse> {
    await inTransaction(this.db, async (m) => {
      const target = await this.lockTarget(m, id);
      if (target.deactivatedAt) return;
      if (target.role === 'admin') await this.assertAnotherAdmin(m, id);
      await m.query(`UPDATE users SET deactivated_at = now(), updated_at = now() WHERE id = $1`, [id]);
      await this.sessions.endAllForUser(id, m);
    });
    return this.users.findById(id);
  }

  async activate(id: string): Promise<UserResponse> {
    await inTransaction(this.db, async (m) => {
      const target = await this.lockTarget(m, id);
      if (target.closedAt) throw new DomainError(ErrorCode.Conflict, 'A closed account cannot be activated');
      await m.query(`UPDATE users SET deactivated_at = NULL, updated_at = now() WHERE id = $1`, [id]);
    });
    return this.users.findById(id);
  }

  /** Lifts the sign-in throttle of an account locked by failed attempts. */
  async unlock(id: string): Promise<UserResponse> {
    const user = await this.users.findById(id);
    await this.throttle.clear(user.email);
    return user;
  }

  /** Mails the account a password-reset link (the same link and job as a self-service request). */
  async sendResetLink(id: string): Promise<UserResponse> {
    const user = await this.users.findById(id);
    if (!user.active) throw new DomainError(ErrorCode.Conflict, 'A deactivated account gets no reset link; activate it first');
    await this.resets.requestFor(user.email);
    return user;
  }

  /** For a lost phone: MFA off (the person sets it up again), sessions ended. */
  async resetMfa(id: string): Promise<UserResponse> {
    await inTransaction(this.db, async (m) => {
      await this.lockTarget(m, id);
      await this.mfa.reset(id, m);
      await this.sessions.endAllForUser(id, m);
    });
    return this.users.findById(id);
  }

  private async lockTarget(m: EntityManager, id: string): Promise<{ role: Role; deactivatedAt: Date | null; closedAt: Date | null }> {
    // Admin rows first, then the target: the same order in every change, so two never wait on each other in a circle.
    await m.query(`SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`);
    const [row] = await m.query(`SELECT role, deactivated_at AS "deactivatedAt", closed_at AS "closedAt" FROM users WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('User');
    return row;
  }

  private async assertAnotherAdmin(m: EntityManager, id: string): Promise<void> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND deactivated_at IS NULL AND id <> $1`, [id]);
    if (row.n === 0) throw new DomainError(ErrorCode.LastAdmin, 'This would leave no active administrator');
  }
}

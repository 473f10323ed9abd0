import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, normalizeEmail, notFound } from '@themis/core';
import { isUniqueViolation, preparedQuery } from '@themis/database';
import { AuthenticatedUser } from '../auth/decorators';
import { EventRateLimit } from '../auth/event-rate-limit';
import { PasswordHasher } from '../auth/password-hasher';
import { CreateUserDto, RegisterDto, UpdateProfileDto, UserResponse } from '../dto/register.dto';
import { User } from '../entities/user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly rateLimit: EventRateLimit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registrations are counted per client address (REGISTRATION_MAX_PER_HOUR_PER_IP) before anything is written. */
  async register(dto: RegisterDto, ip: string): Promise<UserResponse> {
    await this.rateLimit.consume('register-ip', ip, this.config.registrationMaxPerHourPerIp, 3600, 'Too many registrations from this address; try again later');
    return this.insert({ ...dto, role: 'learner' });
  }

  async createByAdmin(dto: CreateUserDto): Promise<UserResponse> {
    return this.insert({ ...dto, profession: dto.profession ?? 'other' });
  }

  /** Creates the configured admin on start when it does not exist; an existing account is never overwritten. */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    const passwordHash = await this.hasher.hash(password);
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email: normalizeEmail(email), passwordHash, fullName: 'Administrator', profession: 'other', role: 'admin', locale: 'en' })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async findById(id: string): Promise<UserResponse> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User');
    return UsersService.toResponse(user);
  }

  /** The interface language an account chose; null when the account is gone. */
  async localeOf(id: string, manager?: EntityManager): Promise<User['locale'] | null> {
    if (manager) return ((await manager.query(`SELECT locale FROM users WHERE id = $1`, [id]))[0]?.locale as User['locale']) ?? null;
    const rows = await preparedQuery<{ locale: User['locale'] }>(this.users.manager.connection, 'user-locale', `SELECT locale FROM users WHERE id = $1`, [id]);
    return rows[0]?.locale ?? null;
  }

  /** The role as it stands now (approvals check it at the moment of approving). */
  async currentRole(id: string): Promise<User['role'] | null> {
    const row = await this.users.findOne({ where: { id }, select: ['role'] });
    return row?.role ?? null;
  }

  async list(limit = 200, offset = 0): Promise<UserResponse[]> {
    const rows = await this.users.find({ order: { createdAt: 'DESC' }, take: limit, skip: offset });
    return rows.map(UsersService.toResponse);
  }

  async updateProfile(id: string, dto: UpdateProfileDto): Promise<UserResponse> {
    const changes: Partial<User> = {};
    if (dto.fullName !== undefined) changes.fullName = dto.fullName;
    if (dto.profession !== undefined) changes.profession = dto.profession;
    if (dto.barNumber !== undefined) changes.barNumber = dto.barNumber.trim() || null;
    if (dto.locale !== undefined) changes.locale = dto.locale;
    if (Object.keys(changes).length > 0) await this.users.update({ id }, changes);
    return this.findById(id);
  }

  /** For sign-in only: the one place that reads the password hash. A deactivated or closed account does not sign in. */
  async findCredentials(email: string): Promise<Pick<User, 'id' | 'role' | 'fullName' | 'passwordHash' | 'mfaEnabledAt'> | null> {
    return this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.role', 'u.fullName', 'u.mfaEnabledAt'])
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.deactivatedAt IS NULL', { email: normalizeEmail(email) })
      .getOne();
  }

  /** An active account as a session starts it (after an MFA code, a password change or reset). */
  async findAuthenticated(id: string): Promise<AuthenticatedUser> {
    const user = await this.users.findOne({ where: { id, deactivatedAt: IsNull() }, select: ['id', 'role', 'fullName'] });
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'This account cannot sign in');
    return { id: user.id, role: user.role, fullName: user.fullName };
  }

  /** The hash and the facts the password rule compares against, for a password change or reset. */
  async findForPasswordChange(id: string, manager?: EntityManager): Promise<Pick<User, 'id' | 'email' | 'fullName' | 'passwordHash' | 'role'> | null> {
    return (manager ?? this.users.manager)
      .getRepository(User)
      .createQueryBuilder('u')
      .select(['u.id', 'u.email', 'u.fullName', 'u.role'])
      .addSelect('u.passwordHash')
      .where('u.id = :id AND u.deactivatedAt IS NULL', { id })
      .getOne();
  }

  /** Who gets mail: an active account's address, name and language (by email or by id). */
  async findContact(where: { email: string } | { id: string }, manager?: EntityManager): Promise<Pick<User, 'id' | 'email' | 'fullName' | 'locale'> | null> {
    const criteria = 'email' in where ? { email: normalizeEmail(where.email) } : { id: where.id };
    return (manager ?? this.users.manager).getRepository(User).findOne({ where: { ...criteria, deactivatedAt: IsNull() }, select: ['id', 'email', 'fullName', 'locale'] });
  }

  /** 409 naming `email` when another account holds the address. */
  async setEmail(id: string, email: string, manager: EntityManager): Promise<void> {
    try {
      await manager.getRepository(User).update({ id }, { email: normalizeEmail(email) });
    } catch (err) {
      if (isUniqueViolation(err, 'users_email_key')) throw new DomainError(ErrorCode.EmailTaken, 'email is already registered', { field: 'email' });
      throw err;
    }
  }

  async emailTaken(email: string): Promise<boolean> {
    return this.users.exists({ where: { email: normalizeEmail(email) } });
  }

  async setPasswordHash(id: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.users.manager).getRepository(User).update({ id }, { passwordHash });
  }

  private async insert(data: Omit<RegisterDto, 'profession'> & Pick<User, 'role' | 'profession'>): Promise<UserResponse> {
    const passwordHash = await this.hasher.hash(data.password);
    try {
      const saved = await this.users.save(
        this.users.create({
          email: normalizeEmail(data.email),
          passwordHash,
          fullName: data.fullName,
          profession: data.profession,
          barNumber: data.barNumber?.trim() || null,
          locale: data.locale ?? 'en',
          role: data.role,
        }),
      );
      return UsersService.toResponse(saved);
    } catch (err) {
      if (isUniqueViolation(err, 'users_email_key')) {
        throw new DomainError(ErrorCode.EmailTaken, 'email is already registered', { field: 'email' });
      }
      throw err;
    }
  }

  static toResponse(u: User): UserResponse {
    return {
      id: u.id,
      email: u.email,
      fullName: u.fullName,
      profession: u.profession,
      barNumber: u.barNumber,
      locale: u.locale,
      role: u.role,
      createdAt: u.createdAt.toISOString(),
      active: !u.deactivatedAt,
      mfaEnabled: !!u.mfaEnabledAt,
    };
  }
}

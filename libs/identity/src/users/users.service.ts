import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, ErrorCode, normalizeEmail, notFound } from '@themis/core';
import { isUniqueViolation, preparedQuery } from '@themis/database';
import { PasswordHasher } from '../auth/password-hasher';
import { CreateUserDto, RegisterDto, UpdateProfileDto, UserResponse } from '../dto/register.dto';
import { User } from '../entities/user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  async register(dto: RegisterDto): Promise<UserResponse> {
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

  async setRole(id: string, role: User['role']): Promise<UserResponse> {
    const result = await this.users.update({ id }, { role });
    if (!result.affected) throw notFound('User');
    return this.findById(id);
  }

  /** The interface language an account chose; null when the account is gone (one column: read on every page). */
  async localeOf(id: string): Promise<User['locale'] | null> {
    const rows = await preparedQuery<{ locale: User['locale'] }>(this.users.manager.connection, 'user-locale', `SELECT locale FROM users WHERE id = $1`, [id]);
    return rows[0]?.locale ?? null;
  }

  /** The role as it is now (tokens carry the role they were issued with); null when the account is gone. */
  async currentRole(id: string): Promise<User['role'] | null> {
    const row = await this.users.findOne({ where: { id }, select: ['role'] });
    return row?.role ?? null;
  }

  /** For sign-in only: the one place that reads the password hash. */
  async findCredentials(email: string): Promise<Pick<User, 'id' | 'role' | 'fullName' | 'passwordHash'> | null> {
    return this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.role', 'u.fullName'])
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
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
    };
  }
}

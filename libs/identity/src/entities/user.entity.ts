import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale, Profession, Role } from '@themis/core';

@Entity('users')
@Check('users_role_check', `"role" IN ('learner', 'trainer', 'admin')`)
@Check('users_profession_check', `"profession" IN ('defense_attorney', 'prosecutor', 'judge', 'other')`)
@Check('users_locale_check', `"locale" IN ('en', 'az', 'ru')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 32 })
  profession: Profession;

  @Index('users_bar_number_idx')
  @Column({ name: 'bar_number', type: 'varchar', length: 50, nullable: true })
  barNumber: string | null;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  locale: Locale;

  @Column({ type: 'varchar', length: 16, default: 'learner' })
  role: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** A deactivated account cannot sign in and its sessions are refused; an admin can activate it again. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** Closed by its holder: contact data gone, the row kept only for the certificates issued to it. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Set when a TOTP second factor is confirmed (read with every session lookup, for REQUIRE_STAFF_MFA). */
  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;
}

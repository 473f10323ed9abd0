import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MembershipStatus = 'verified' | 'pending' | 'rejected' | 'superseded';

/**
 * A learner's claim of a bar number at an organisation. A new claim supersedes the learner's
 * open one; a verified number belongs to one account, which the database enforces.
 */
@Entity('memberships')
@Check('memberships_status_check', `"status" IN ('verified', 'pending', 'rejected', 'superseded')`)
@Index('memberships_verified_number_key', ['organisationId', 'barNumberKey'], { unique: true, where: `"status" = 'verified'` })
@Index('memberships_open_claim_key', ['organisationId', 'userId'], { unique: true, where: `"status" IN ('verified', 'pending')` })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Index('memberships_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'bar_number', type: 'varchar', length: 50 })
  barNumber: string;

  @Column({ name: 'bar_number_key', type: 'varchar', length: 50 })
  barNumberKey: string;

  /** The account's full name when it claimed, as compared with the roster. */
  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

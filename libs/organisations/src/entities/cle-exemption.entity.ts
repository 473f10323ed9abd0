import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member excused from the CLE requirement for a period (illness, parental leave, office), with the reason. */
@Entity('cle_exemptions')
@Index('cle_exemptions_member_idx', ['organisationId', 'barNumberKey'])
export class CleExemption {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'bar_number_key', type: 'varchar', length: 50 })
  barNumberKey: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'from_day', type: 'date' })
  fromDay: string;

  @Column({ name: 'to_day', type: 'date' })
  toDay: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An organisation's accreditation of one course version: hours by category, its number, its validity. */
@Entity('accreditations')
@Unique('accreditations_org_version_key', ['organisationId', 'courseVersionId'])
export class Accreditation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Index('accreditations_version_idx')
  @Column({ name: 'course_version_id', type: 'uuid' })
  courseVersionId: string;

  @Column({ type: 'varchar', length: 100 })
  number: string;

  @Column({ type: 'jsonb' })
  hours: Record<string, number>;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

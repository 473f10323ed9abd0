import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type OrganisationGrantKind = 'clerk' | 'accreditor';

/** A user's standing within one organisation: not a value of `role`, which is platform-wide. */
@Entity('organisation_grants')
@Check('organisation_grants_grant_check', `"grant" IN ('clerk', 'accreditor')`)
export class OrganisationGrant {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Index('organisation_grants_user_idx')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  grant: OrganisationGrantKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

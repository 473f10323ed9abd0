import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CleRules } from '../rules/cle.rules';

/** An organisation's CLE rules, as data (see cle.rules.ts for their meaning). */
@Entity('cle_rules')
export class CleRuleSet {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'jsonb' })
  rules: CleRules;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Public lookups per client and minute, in PostgreSQL so that every server instance
 * counts against the same limit. The migration makes the table UNLOGGED: counters need
 * no crash safety, and skipping the WAL keeps the count cheap on the hot path.
 */
@Entity('rate_limit_counters')
@Index('rate_limit_counters_window_idx', ['windowStart'])
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int' })
  count: number;
}

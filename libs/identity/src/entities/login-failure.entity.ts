import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed sign-ins, kept in the database so that every server instance throttles alike. */
@Entity('login_failures')
@Index('login_failures_account_idx', ['account', 'failedAt'])
@Index('login_failures_ip_idx', ['ip', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  account: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ name: 'failed_at', type: 'timestamptz', default: () => 'now()' })
  failedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A bar association or other body that keeps a roster and counts CLE hours. */
@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** IANA zone: its days bound reporting cycles and `from`/`to` of hour lookups. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Asia/Baku' })
  timeZone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

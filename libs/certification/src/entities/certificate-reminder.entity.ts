import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Certificate } from './certificate.entity';

/** One row per certificate and reminder threshold sent (or settled by a nearer one): a reminder goes once, whatever restarts. */
@Entity('certificate_reminders')
export class CertificateReminder {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' })
  certificateId: string;

  @ManyToOne(() => Certificate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'certificate_id' })
  certificate?: Certificate;

  @PrimaryColumn({ name: 'threshold_days', type: 'int' })
  thresholdDays: number;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt: Date;
}

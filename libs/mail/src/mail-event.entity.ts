import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per mail event, ever: the key makes enqueueing idempotent for good (a reminder is sent
 * once per certificate and threshold, whatever restarts), and it records when the message left.
 * No address or content here: those live in the job only until pg-boss deletes it.
 */
@Entity('mail_events')
export class MailEvent {
  @PrimaryColumn({ name: 'event_key', type: 'varchar', length: 200 })
  eventKey: string;

  @Column({ name: 'message_id', type: 'varchar', length: 200 })
  messageId: string;

  @Column({ type: 'varchar', length: 64 })
  template: string;

  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' })
  queuedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

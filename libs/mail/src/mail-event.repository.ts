import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

@Injectable()
export class MailEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The event's queue time when it is new; null when the key was enqueued before. */
  async insertIfNew(manager: EntityManager, event: { eventKey: string; messageId: string; template: string }): Promise<Date | null> {
    const rows: { queued_at: Date }[] = await manager.query(
      `INSERT INTO mail_events (event_key, message_id, template) VALUES ($1, $2, $3) ON CONFLICT (event_key) DO NOTHING RETURNING queued_at`,
      [event.eventKey, event.messageId, event.template],
    );
    return rows[0]?.queued_at ?? null;
  }

  async markSent(eventKey: string): Promise<void> {
    await this.dataSource.query(`UPDATE mail_events SET sent_at = COALESCE(sent_at, now()) WHERE event_key = $1`, [eventKey]);
  }
}

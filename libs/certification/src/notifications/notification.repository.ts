import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Locale } from '@themis/core';
import { REMINDER_THRESHOLDS_DAYS } from './expiry-reminders.rules';

export interface CertificateRecipient {
  certificateId: string;
  code: string;
  courseTitle: string;
  expiresAt: Date | null;
  email: string;
  locale: Locale;
  fullName: string;
}

export interface ReminderCandidate extends CertificateRecipient {
  expiresAt: Date;
  threshold: number;
}

// Certificates snapshot their facts; the address, language and name are read from users at sending time, as issueFacts does.
const RECIPIENT = `c.id AS "certificateId", c.code, c.course_title AS "courseTitle", c.expires_at AS "expiresAt", u.email, u.locale, u.full_name AS "fullName"`;

/** The only place with the notification queries: who to tell about a certificate, and which reminders are due. */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async recipient(manager: EntityManager, code: string): Promise<CertificateRecipient | null> {
    const [row] = await manager.query(`SELECT ${RECIPIENT} FROM certificates c JOIN users u ON u.id = c.user_id WHERE c.code = $1`, [code]);
    return row ?? null;
  }

  /**
   * Live certificates whose nearest crossed threshold has no reminder row yet, holder opted in.
   * The threshold is the rule of dueReminder(), for the two thresholds there are.
   */
  async dueReminders(now: Date, limit: number): Promise<ReminderCandidate[]> {
    const [far, near] = REMINDER_THRESHOLDS_DAYS;
    return this.db.query(
      `SELECT ${RECIPIENT}, t.threshold FROM certificates c
       JOIN users u ON u.id = c.user_id
       CROSS JOIN LATERAL (SELECT CASE WHEN c.expires_at <= $1::timestamptz + make_interval(days => $3) THEN $3 ELSE $2 END AS threshold) t
       WHERE c.expires_at > $1 AND c.expires_at <= $1::timestamptz + make_interval(days => $2)
         AND c.revoked_at IS NULL AND c.superseded_by IS NULL
         AND NOT EXISTS (SELECT 1 FROM certificate_reminder_optouts o WHERE o.user_id = c.user_id)
         AND NOT EXISTS (SELECT 1 FROM certificate_reminders r WHERE r.certificate_id = c.id AND r.threshold_days = t.threshold)
       ORDER BY c.expires_at LIMIT $4`,
      [now, far, near, limit],
    );
  }

  async remindersOn(userId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM certificate_reminder_optouts WHERE user_id = $1`, [userId]);
    return rows.length === 0;
  }

  async setReminders(userId: string, on: boolean): Promise<void> {
    if (on) await this.db.query(`DELETE FROM certificate_reminder_optouts WHERE user_id = $1`, [userId]);
    else await this.db.query(`INSERT INTO certificate_reminder_optouts (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [userId]);
  }

  /** Claims the reminders; answers whether `threshold` was still unclaimed (a concurrent run loses). */
  async claim(manager: EntityManager, certificateId: string, threshold: number, settled: number[]): Promise<boolean> {
    const rows: { threshold_days: number }[] = await manager.query(
      `INSERT INTO certificate_reminders (certificate_id, threshold_days) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING RETURNING threshold_days`,
      [certificateId, settled],
    );
    return rows.some((r) => r.threshold_days === threshold);
  }
}

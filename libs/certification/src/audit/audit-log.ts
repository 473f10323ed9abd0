import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@themis/database';

export interface AuditEntryInput {
  /** `user:<id>`, `verifier:<id>` or `system`. */
  actor: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntryResponse {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

/** The append-only audit log: every admin action and every verifier call. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Pass the transaction's manager so the entry commits (or rolls back) with the action. */
  async record(manager: EntityManager | undefined, entry: AuditEntryInput): Promise<void> {
    const sql = `INSERT INTO audit_log (actor, action, subject, details) VALUES ($1, $2, $3, $4)`;
    const values = [entry.actor.slice(0, 100), entry.action.slice(0, 64), entry.subject?.slice(0, 200) ?? null, JSON.stringify(entry.details ?? {})];
    // Outside a transaction this is every verifier call's entry: a prepared statement on the pool.
    await (manager ? manager.query(sql, values) : preparedQuery(this.db, 'audit-insert', sql, values));
  }

  async list(page: { limit: number; offset: number }): Promise<{ total: number; entries: AuditEntryResponse[] }> {
    const rows: { id: string; at: Date; actor: string; action: string; subject: string | null; details: Record<string, unknown>; total: string }[] = await this.db.query(
      `SELECT id::text, at, actor, action, subject, details, count(*) OVER () AS total FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    );
    const total = rows.length ? Number(rows[0].total) : Number((await this.db.query(`SELECT count(*) AS n FROM audit_log`))[0].n);
    return { total, entries: rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, subject: r.subject, details: r.details })) };
  }
}

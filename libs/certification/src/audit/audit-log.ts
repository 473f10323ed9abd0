import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@themis/core';
import { preparedQuery } from '@themis/database';

export interface AuditEntryInput {
  /** `user:<id>`, `verifier:<id>` or `system`. */
  actor: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

/** Exact matches (an action, an actor such as `user:<id>`, a subject such as a certificate code) and UTC days. */
export interface AuditFilter {
  action?: string;
  actor?: string;
  subject?: string;
  from?: string;
  to?: string;
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

  async list(page: { limit: number; offset: number }, filter: AuditFilter = {}): Promise<{ total: number; entries: AuditEntryResponse[] }> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.action) add('action = ?', filter.action);
    if (filter.actor) add('actor = ?', filter.actor);
    if (filter.subject) add('subject = ?', filter.subject);
    if (filter.from) add('at >= ?', utcDay(filter.from, 'from'));
    if (filter.to) add(`at < ?::timestamptz + interval '1 day'`, utcDay(filter.to, 'to'));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: { id: string; at: Date; actor: string; action: string; subject: string | null; details: Record<string, unknown>; total: string }[] = await this.db.query(
      `SELECT id::text, at, actor, action, subject, details, count(*) OVER () AS total FROM audit_log ${clause} ORDER BY id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, page.limit, page.offset],
    );
    const total = rows.length ? Number(rows[0].total) : Number((await this.db.query(`SELECT count(*) AS n FROM audit_log ${clause}`, values))[0].n);
    return { total, entries: rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, subject: r.subject, details: r.details })) };
  }
}

/** A day as YYYY-MM-DD that exists (Date() would roll 2026-02-31 into March), as its UTC midnight. */
function utcDay(value: string, field: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a date as YYYY-MM-DD`, { field });
  return d.toISOString();
}

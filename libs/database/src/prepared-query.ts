import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * For the few statements on the hottest paths (public verification, the lesson page): runs
 * `text` as a named prepared statement straight on TypeORM's pg pool. PostgreSQL parses and
 * plans it once per connection instead of on every call, and no TypeORM query runner is made
 * per call. And pool.query uses pg's callback API: rows read through client.query's promise
 * API, as DataSource.query does, were promoted to old space in bulk (3.4 MB per scavenge for
 * 1,000-row results, then mark-compacts; `npm run bench:pg-promotion`). Rows come back
 * exactly as `DataSource.query` returns them (the same pg driver and type parsers). `name`
 * must be unique per distinct `text`.
 */
export async function preparedQuery<T = Record<string, unknown>>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (db.driver as PostgresDriver).master as Pool;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}

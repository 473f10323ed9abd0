import type PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';

/**
 * pg-boss's `Db` over TypeORM, so the queue shares the application's one pool (no second pool to
 * size, open and end: pg-boss never closes a pool it did not open) and a job can be written in
 * a caller's transaction.
 */
function rowsOf(result: unknown): unknown[] {
  // TypeORM answers UPDATE/DELETE … RETURNING with [rows, rowCount]; a multi-statement text with nothing.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as unknown[];
  return Array.isArray(result) ? result : [];
}

/** Each statement on a connection of its own from the pool, as pg-boss's own Db does. */
export function poolDb(dataSource: DataSource): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const runner = dataSource.createQueryRunner();
      try {
        return { rows: rowsOf(await runner.query(text, values)) };
      } catch (err) {
        // pg-boss's maintenance texts are `BEGIN; …; COMMIT;`: never hand back a connection inside a failed transaction.
        if (/\bBEGIN;/.test(text)) await runner.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        await runner.release();
      }
    },
  };
}

/** The caller's transaction: the job exists exactly when the caller's work commits. */
export function transactionDb(manager: EntityManager): PgBoss.Db {
  return { executeSql: async (text: string, values?: unknown[]) => ({ rows: rowsOf(await manager.query(text, values)) }) };
}

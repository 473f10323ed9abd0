import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { StartupError } from './embedded-postgres.launcher';

// Network and authentication failures: the operator's configuration, not a bug.
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', '28P01', '28000', '3D000', '57P03']);

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}/${u.pathname.replace(/^\//, '')}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Connects and applies pending migrations; an unreachable server ends start-up with one sentence. */
export async function connectAndMigrate(url: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url));
  try {
    await dataSource.initialize();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (!CONNECTION_FAILURES.has(e.code ?? '')) throw err;
    throw new StartupError(`Cannot connect to PostgreSQL at ${describeTarget(url)} (${e.code}: ${e.message.split('\n')[0]}).`);
  }
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

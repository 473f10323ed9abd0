import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';

/**
 * The one DataSource definition shared by the server, the CLI, the tests and the
 * migration generator. Entities are found by file name so that each domain lib owns
 * its entities and this lib imports none of them.
 */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}, connectTimeoutMs = 5000): DataSourceOptions {
  const root = path.join(__dirname, '..', '..');
  return {
    type: 'postgres',
    url,
    entities: [path.join(root, '*/src/**/*.entity.{ts,js}')],
    migrations: [path.join(root, '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install on a managed server.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Failed queries reach the exception filter; TypeORM's own log would print their parameters (personal data).
    logging: false,
    // Fail fast while the database is down instead of queueing requests forever.
    extra: { max: 20, connectionTimeoutMillis: connectTimeoutMs, idleTimeoutMillis: 30000, application_name: 'themis' },
    ...overrides,
  } as DataSourceOptions;
}

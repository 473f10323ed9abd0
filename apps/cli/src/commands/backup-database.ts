import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '@themis/core';
import { EmbeddedDatabase, startEmbeddedPostgres, StartupError, isAlive } from '@themis/database';

/** The database a backup or restore works on, and how to let go of it afterwards. */
export interface BackupTarget {
  url: string;
  describe: string;
  release(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded cluster in DATA_DIR: the running server's
 * (its port is line 4 of postmaster.pid, the password in DATA_DIR/embedded-password), or,
 * when no server runs, one started here and stopped afterwards.
 */
export async function openBackupTarget(config: AppConfig): Promise<BackupTarget> {
  if (config.databaseUrl) return { url: config.databaseUrl, describe: describe(config.databaseUrl), release: async () => undefined };
  const pidFile = path.join(config.dataDir, 'pg', 'postmaster.pid');
  const passwordFile = path.join(config.dataDir, 'embedded-password');
  if (fs.existsSync(pidFile) && fs.existsSync(passwordFile)) {
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (pid && port && isAlive(pid)) {
      const password = fs.readFileSync(passwordFile, 'utf8').trim();
      const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/themis`;
      return { url, describe: `the running embedded PostgreSQL in ${config.dataDir}`, release: async () => undefined };
    }
  }
  if (!fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    throw new StartupError(`There is no embedded database in ${config.dataDir}; set DATA_DIR to the server's data folder or DATABASE_URL to an external server.`);
  }
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres(config.dataDir);
  return { url: embedded.url, describe: `the embedded PostgreSQL in ${config.dataDir}`, release: () => embedded.stop() };
}

/** A fresh embedded cluster for a restore into an empty DATA_DIR. */
export async function openRestoreTarget(config: AppConfig): Promise<BackupTarget> {
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    const embedded = await startEmbeddedPostgres(config.dataDir);
    return { url: embedded.url, describe: `a new embedded PostgreSQL in ${config.dataDir}`, release: () => embedded.stop() };
  }
  return openBackupTarget(config);
}

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * libpq arguments without the password (it would show in `ps`): the password travels in
 * PGPASSWORD, the rest as a connection URI.
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export async function serverMajorVersion(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0]!.server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

function majorOf(binary: string): number | undefined {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
    const m = /(\d+)(?:\.\d+)?/.exec(out.replace(/^[^)]*\)/, ''));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * pg_dump refuses a server newer than itself, and a dump is read best by the same major
 * version: prefer Debian's /usr/lib/postgresql/<server major>/bin, then PATH, and accept a
 * tool only if its major version is at least the server's.
 */
export function postgresTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): string {
  const candidates = [path.join('/usr/lib/postgresql', String(serverMajor), 'bin', name), name];
  for (const c of candidates) {
    const major = majorOf(c);
    if (major !== undefined && major >= serverMajor) return c;
  }
  const found = majorOf(name);
  throw new StartupError(
    `${name} ${serverMajor} or newer is needed for a PostgreSQL ${serverMajor} server${found ? ` (found ${name} ${found})` : ''}; install postgresql-client-${serverMajor}.`,
  );
}

/** Files in KEYS_DIR: the token secret and the certificate signing keys. */
export function keyFiles(keysDir: string): string[] {
  if (!fs.existsSync(keysDir)) return [];
  return fs.readdirSync(keysDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
}

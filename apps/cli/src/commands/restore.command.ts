import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '@themis/core';
import { StartupError } from '@themis/database';
import { keyFiles, libpqConnection, openRestoreTarget, postgresTool, serverMajorVersion } from './backup-database';
import { BACKUP_FORMAT } from './backup.command';
import { openKeyFile, SEALED_SUFFIX } from './backup-keys';

/** The backup's key files by name, opened with BACKUP_PASSPHRASE when sealed: all of them before anything is restored. */
async function readKeys(dir: string, encrypted: boolean, passphrase: string | undefined): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (encrypted && !passphrase) throw new StartupError('The keys in this backup are encrypted: set BACKUP_PASSPHRASE to the passphrase it was made with.');
  for (const f of keyFiles(dir)) {
    if (encrypted) out.set(f.slice(0, -SEALED_SUFFIX.length), await openKeyFile(path.join(dir, f), passphrase!));
    else out.set(f, fs.readFileSync(path.join(dir, f)));
  }
  return out;
}

async function hasUsers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>(`SELECT to_regclass('public.users')::text AS t`);
    if (!rows[0]?.t) return false;
    const count = await client.query('SELECT 1 FROM users LIMIT 1');
    return (count.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * `npm run restore -- FILE [--force]`: loads a backup into the configured database (DATABASE_URL,
 * or the embedded one in DATA_DIR, created if absent) in one transaction, and puts its key
 * files into KEYS_DIR. A database that already has accounts, or a key file that differs, is
 * only replaced with --force: a restore must never silently destroy records.
 */
export async function restore(config: AppConfig, args: string[]): Promise<number> {
  const force = args.includes('--force');
  const fileArg = args.find((a) => !a.startsWith('--'));
  if (!fileArg) {
    console.error('usage: npm run restore -- FILE [--force]');
    return 2;
  }
  const file = path.resolve(fileArg);
  if (!fs.existsSync(file)) throw new StartupError(`The backup ${file} does not exist.`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-restore-'));
  try {
    execFileSync('tar', ['-xf', file, '-C', work, '--no-same-owner']);
    const manifestFile = path.join(work, 'manifest.json');
    const manifest = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { format?: string; keysEncrypted?: boolean }) : {};
    if (manifest.format !== BACKUP_FORMAT || !fs.existsSync(path.join(work, 'database.dump'))) {
      throw new StartupError(`${file} is not a Themis backup (made by npm run backup).`);
    }

    const keysIn = await readKeys(path.join(work, 'keys'), manifest.keysEncrypted === true, config.backupPassphrase);
    const clashes = [...keysIn].filter(([k, bytes]) => {
      const existing = path.join(config.keysDir, k);
      return fs.existsSync(existing) && !fs.readFileSync(existing).equals(bytes);
    }).map(([k]) => k);
    if (clashes.length > 0 && !force) {
      console.error(`${config.keysDir} holds different keys (${clashes.join(', ')}); restoring would replace them. Run again with --force to replace them.`);
      return 1;
    }

    const target = await openRestoreTarget(config);
    try {
      if (!force && (await hasUsers(target.url))) {
        console.error(`${target.describe} already holds accounts; restoring would replace them. Run again with --force, or restore into an empty database.`);
        return 1;
      }
      const pgRestore = postgresTool('pg_restore', await serverMajorVersion(target.url));
      const { dbname, env } = libpqConnection(target.url);
      execFileSync(pgRestore, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, path.join(work, 'database.dump')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      console.log(`Restored ${path.basename(file)} into ${target.describe}`);
    } finally {
      await target.release();
    }

    fs.mkdirSync(config.keysDir, { recursive: true, mode: 0o700 });
    for (const [k, bytes] of keysIn) {
      const dest = path.join(config.keysDir, k);
      fs.rmSync(dest, { force: true });
      fs.writeFileSync(dest, bytes, { mode: 0o600 });
      fs.chmodSync(dest, 0o600);
    }
    if (keysIn.size > 0) console.log(`Restored ${keysIn.size} key file(s) into ${config.keysDir}`);
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '@themis/core';
import { keyFiles, libpqConnection, openBackupTarget, postgresTool, serverMajorVersion } from './backup-database';
import { SEALED_SUFFIX, sealKeyFile } from './backup-keys';

export const BACKUP_FORMAT = 'themis-backup/1';

/**
 * `npm run backup [-- FILE]`: one tar file holding a pg_dump of the database (custom format,
 * consistent snapshot while the server runs) and the files of KEYS_DIR, each encrypted with
 * BACKUP_PASSPHRASE; plain keys only with --unencrypted-keys. It holds personal data, so it is
 * written 0600.
 */
export async function backup(config: AppConfig, args: string[]): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const plainKeys = args.includes('--unencrypted-keys');
  const fileArg = args.find((a) => !a.startsWith('--'));
  const file = path.resolve(fileArg ?? path.join('backups', `themis-${stamp}.tar`));
  const passphrase = config.backupPassphrase;
  if (!passphrase && !plainKeys) {
    console.error('Set BACKUP_PASSPHRASE (12 characters or more) to encrypt the signing keys and the token secret in the backup, or run again with --unencrypted-keys to write them in the clear.');
    return 1;
  }
  const target = await openBackupTarget(config);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-backup-'));
  try {
    const major = await serverMajorVersion(target.url);
    const pgDump = postgresTool('pg_dump', major);
    const { dbname, env } = libpqConnection(target.url);
    execFileSync(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(work, 'database.dump')}`, `--dbname=${dbname}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });

    const keys = keyFiles(config.keysDir);
    fs.mkdirSync(path.join(work, 'keys'), { mode: 0o700 });
    for (const k of keys) {
      if (passphrase) await sealKeyFile(path.join(config.keysDir, k), path.join(work, 'keys', `${k}${SEALED_SUFFIX}`), passphrase);
      else fs.copyFileSync(path.join(config.keysDir, k), path.join(work, 'keys', k));
    }
    for (const k of fs.readdirSync(path.join(work, 'keys'))) fs.chmodSync(path.join(work, 'keys', k), 0o600);
    const manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), postgresMajor: major, keys, keysEncrypted: Boolean(passphrase) };
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));

    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, '', { mode: 0o600 });
    execFileSync('tar', ['-cf', partial, '-C', work, 'manifest.json', 'database.dump', 'keys']);
    fs.chmodSync(partial, 0o600);
    // Written aside and renamed: an interrupted backup never leaves a file that looks complete.
    fs.renameSync(partial, file);
    console.log(`Backup of ${target.describe} and ${keys.length} key file(s) from ${config.keysDir} (${passphrase ? 'encrypted with BACKUP_PASSPHRASE' : 'UNENCRYPTED, as asked'}) written to ${file}`);
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await target.release();
  }
}

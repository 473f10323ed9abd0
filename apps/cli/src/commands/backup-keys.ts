import * as fs from 'node:fs';
import * as path from 'node:path';
import * as openpgp from 'openpgp';
import { StartupError } from '@themis/database';

/**
 * The key files of a backup (token secret, signing keys) sealed with BACKUP_PASSPHRASE: OpenPGP
 * symmetric encryption (RFC 9580: a key derived from the passphrase with Argon2 or iterated
 * S2K, AES-256, integrity-protected), one `<name>.pgp` per file, readable with `gpg --decrypt` too.
 */
export const SEALED_SUFFIX = '.pgp';

export async function sealKeyFile(source: string, target: string, passphrase: string): Promise<void> {
  const message = await openpgp.createMessage({ binary: fs.readFileSync(source) });
  const sealed = await openpgp.encrypt({ message, passwords: [passphrase], format: 'binary', config: { preferredSymmetricAlgorithm: openpgp.enums.symmetric.aes256 } });
  fs.writeFileSync(target, sealed as Uint8Array, { mode: 0o600 });
}

/** The plain bytes of a sealed key file; a wrong passphrase is one sentence, not a stack trace. */
export async function openKeyFile(file: string, passphrase: string): Promise<Buffer> {
  try {
    const message = await openpgp.readMessage({ binaryMessage: fs.readFileSync(file) });
    const { data } = await openpgp.decrypt({ message, passwords: [passphrase], format: 'binary' });
    return Buffer.from(data as Uint8Array);
  } catch {
    throw new StartupError(`The key file ${path.basename(file)} in this backup does not open with this BACKUP_PASSPHRASE; set the passphrase the backup was made with.`);
  }
}

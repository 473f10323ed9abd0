import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Reads a secret from a file, creating it with `create()` on first use. Files are 0600
 * in a 0700 folder: keys live outside the database and only the server's user reads them.
 */
export function readOrCreateSecretFile(file: string, create: () => string | Buffer): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const content = create();
  try {
    // 'wx' so that two processes starting together never overwrite each other's key.
    fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file);
}

export const randomSecret = (bytes = 48) => crypto.randomBytes(bytes).toString('base64url');

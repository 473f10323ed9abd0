import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { AppConfig } from './config/app-config';
import { randomSecret, readOrCreateSecretFile } from './secret-file';

const VERSION = 'v1';

/**
 * AES-256-GCM (NIST SP 800-38D) for the few secrets the server must read back, such as a
 * TOTP secret (RFC 6238 needs the secret itself, so a hash will not do). A fresh 96-bit nonce
 * per seal; `context` is bound as additional data, so a sealed value copied to another row
 * (another user's) does not open. Sealed form: `v1.<nonce>.<ciphertext>.<tag>`, base64url.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(material: string) {
    // HKDF (RFC 5869) so that any long random string, file or setting, gives a uniform 256-bit key.
    this.key = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(material, 'utf8'), Buffer.alloc(0), 'themis secret box v1', 32));
  }

  seal(plain: string, context: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, nonce, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** The plain text; throws when the value was sealed with another key or for another context, or was changed. */
  open(sealed: string, context: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== VERSION || !nonce || body === undefined || !tag) throw new Error('not a sealed value');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

export const TOTP_KEY_FILE = 'totp-secret-key';

/**
 * The key that seals TOTP secrets: MFA_ENCRYPTION_KEY, or a 0600 file in KEYS_DIR generated on
 * first use (and so in every backup, encrypted with the other keys). Losing it turns every
 * user's two-factor sign-in off in effect: they sign in with a recovery code or an admin reset.
 */
export function totpSecretBox(config: Pick<AppConfig, 'keysDir' | 'mfaEncryptionKey'>): SecretBox {
  const material = config.mfaEncryptionKey ?? readOrCreateSecretFile(path.join(config.keysDir, TOTP_KEY_FILE), () => randomSecret()).toString('utf8').trim();
  return new SecretBox(material);
}

import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { AppConfig, randomSecret, readOrCreateSecretFile } from '@themis/core';

export interface TokenKey { kid: string; secret: string }

/**
 * The token secret comes from JWT_SECRET or a 0600 file generated on first start.
 * Tokens carry the key id, so after a rotation tokens signed with a secret listed in
 * JWT_PREVIOUS_SECRETS stay valid until they expire: no one is signed out at once.
 */
export class TokenKeys {
  readonly current: TokenKey;
  private readonly byKid = new Map<string, string>();
  private readonly keyObjects = new Map<string, crypto.KeyObject>();

  constructor(config: AppConfig) {
    const secret = config.jwt.secret ?? readOrCreateSecretFile(path.join(config.keysDir, 'token-secret'), () => randomSecret()).toString('utf8').trim();
    this.current = TokenKeys.key(secret);
    for (const s of [secret, ...config.jwt.previousSecrets]) {
      const k = TokenKeys.key(s);
      this.byKid.set(k.kid, k.secret);
    }
  }

  secretFor(kid: string | undefined): string | undefined {
    return kid ? this.byKid.get(kid) : undefined;
  }

  /**
   * The same secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and
   * fails) to parse it as a public key on every verification, a cost seen in CPU profiles.
   */
  keyFor(kid: string | undefined): crypto.KeyObject | undefined {
    const secret = this.secretFor(kid);
    if (!secret) return undefined;
    let key = this.keyObjects.get(secret);
    if (!key) this.keyObjects.set(secret, (key = crypto.createSecretKey(Buffer.from(secret, 'utf8'))));
    return key;
  }

  private static key(secret: string): TokenKey {
    return { kid: crypto.createHash('sha256').update(secret).digest('hex').slice(0, 12), secret };
  }
}

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

  private static key(secret: string): TokenKey {
    return { kid: crypto.createHash('sha256').update(secret).digest('hex').slice(0, 12), secret };
  }
}

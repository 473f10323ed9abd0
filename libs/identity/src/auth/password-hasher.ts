import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

// OWASP's Argon2id recommendation (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    // An unknown email still costs one verification, so timing does not tell whether it exists.
    const target = hash ?? (await (this.dummyHash ??= argon2.hash('not-a-real-password', OPTIONS)));
    try {
      const ok = await argon2.verify(target, password);
      return ok && hash !== undefined;
    } catch {
      return false;
    }
  }
}

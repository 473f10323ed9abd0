import * as crypto from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, notFound, SecretBox, totpSecretBox } from '@themis/core';
import { inTransaction, updateReturning } from '@themis/database';
import { CHALLENGE_TTL_SECONDS, isTotpCode, MAX_WRONG_CODES, newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT, sha256 } from './mfa.rules';
import { newTotpSecret, totpStep, totpUri } from './totp';

export interface TotpSetupResponse { secret: string; otpauthUri: string; recoveryCodes: string[] }

/**
 * TOTP second factor (RFC 6238) with ten single-use recovery codes stored as SHA-256 hashes.
 * A code is accepted once (the matched time step is remembered, RFC 6238 §5.2), and a sign-in
 * challenge takes at most five wrong codes: each answer takes its place in the count before
 * it is checked, in one UPDATE, so concurrent guesses cannot exceed it. The secret is stored
 * sealed (AES-256-GCM, `totpSecretBox`), bound to its user: the table alone gives no codes.
 */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.box = totpSecretBox(config);
  }

  async begin(userId: string, label: string): Promise<TotpSetupResponse> {
    return inTransaction(this.db, async (m) => {
      const [user] = await m.query(`SELECT mfa_enabled_at FROM users WHERE id = $1 FOR UPDATE`, [userId]);
      if (!user) throw notFound('User');
      if (user.mfa_enabled_at) throw new DomainError(ErrorCode.Conflict, 'Two-factor sign-in is already on');
      const secret = newTotpSecret();
      await m.query(
        `INSERT INTO user_totp (user_id, secret_sealed) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = now(), confirmed_at = NULL, last_step = NULL`,
        [userId, this.box.seal(secret, totpContext(userId))],
      );
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await m.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
      await m.query(`INSERT INTO mfa_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [userId, recoveryCodes.map(sha256)]);
      const otpauthUri = totpUri(label, secret);
      return { secret, otpauthUri, recoveryCodes };
    });
  }

  /** Turns MFA on once the user shows a code from the app: 400 naming `code` otherwise. */
  async confirm(userId: string, code: string): Promise<{ mfaEnabled: true }> {
    return inTransaction(this.db, async (m) => {
      const [row] = await m.query(`SELECT secret_sealed, last_step FROM user_totp WHERE user_id = $1 AND confirmed_at IS NULL FOR UPDATE`, [userId]);
      if (!row) throw new DomainError(ErrorCode.ValidationFailed, 'code: start the set-up first (POST /api/v1/me/mfa/totp), or MFA is already on', { field: 'code' });
      const secret = this.openSecret(userId, row.secret_sealed);
      const step = secret === null ? null : totpStep(secret, code, row.last_step === null ? null : Number(row.last_step));
      if (step === null) throw new DomainError(ErrorCode.ValidationFailed, 'code is not the current code of your authenticator app', { field: 'code' });
      await m.query(`UPDATE user_totp SET confirmed_at = now(), last_step = $2 WHERE user_id = $1`, [userId, step]);
      await m.query(`UPDATE users SET mfa_enabled_at = now() WHERE id = $1`, [userId]);
      return { mfaEnabled: true as const };
    });
  }

  /** A sign-in challenge for an account with MFA on: its token is 256 random bits, stored hashed. */
  async challenge(userId: string): Promise<string> {
    const token = crypto.randomBytes(32).toString('base64url');
    await this.db.query(`DELETE FROM mfa_challenges WHERE user_id = $1 AND expires_at < now()`, [userId]);
    await this.db.query(`INSERT INTO mfa_challenges (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [userId, sha256(token), CHALLENGE_TTL_SECONDS]);
    return token;
  }

  /** The user id when `code` (TOTP or recovery) answers the challenge; 401 when wrong, 429 after five wrong. */
  async answerChallenge(mfaToken: string, code: string): Promise<string> {
    const wrong = () => new DomainError(ErrorCode.InvalidCredentials, 'The code is not right, or the sign-in has expired');
    const hash = sha256(mfaToken);
    const [taken] = await updateReturning<{ id: string; user_id: string }>(this.db.manager,
      `UPDATE mfa_challenges SET failures = failures + 1 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND failures < $2 RETURNING id, user_id`,
      [hash, MAX_WRONG_CODES]);
    if (!taken) {
      const [spent] = await this.db.query(`SELECT 1 FROM mfa_challenges WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`, [hash]);
      if (spent) throw new DomainError(ErrorCode.TooManyAttempts, 'Too many wrong codes; sign in again', { retryAfterSeconds: 60 });
      throw wrong();
    }
    if (!(await this.codeIsRight(taken.user_id, code))) throw wrong();
    const [used] = await updateReturning(this.db.manager, `UPDATE mfa_challenges SET used_at = now(), failures = failures - 1 WHERE id = $1 AND used_at IS NULL RETURNING id`, [taken.id]);
    if (!used) throw wrong();
    return taken.user_id;
  }

  /** An admin's reset for a lost phone, or part of a password reset: MFA off, its codes and challenges gone. */
  async reset(userId: string, manager?: EntityManager): Promise<void> {
    const run = async (m: EntityManager) => {
      await m.query(`DELETE FROM user_totp WHERE user_id = $1`, [userId]);
      await m.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
      await this.endChallenges(userId, m);
      await m.query(`UPDATE users SET mfa_enabled_at = NULL WHERE id = $1`, [userId]);
    };
    await (manager ? run(manager) : inTransaction(this.db, run));
  }

  /** Every MFA token issued before now is refused (after a password reset). */
  async endChallenges(userId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.db.manager).query(`DELETE FROM mfa_challenges WHERE user_id = $1`, [userId]);
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    return row.n;
  }

  /**
   * null when the sealed secret does not open (another key than the one it was sealed with, or a
   * value moved from another row): no code matches then, and a recovery code or an admin reset helps.
   */
  private openSecret(userId: string, sealed: string): string | null {
    try {
      return this.box.open(sealed, totpContext(userId));
    } catch {
      return null;
    }
  }

  private async codeIsRight(userId: string, code: string): Promise<boolean> {
    if (isTotpCode(code)) {
      return inTransaction(this.db, async (m) => {
        const [row] = await m.query(`SELECT secret_sealed, last_step FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL FOR UPDATE`, [userId]);
        const secret = row ? this.openSecret(userId, row.secret_sealed) : null;
        const step = secret === null ? null : totpStep(secret, code, row.last_step === null ? null : Number(row.last_step));
        if (step === null) return false;
        await m.query(`UPDATE user_totp SET last_step = $2 WHERE user_id = $1`, [userId, step]);
        return true;
      });
    }
    const recovery = normalizeRecoveryCode(code);
    if (!recovery) return false;
    const used = await updateReturning(this.db.manager, `UPDATE mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`, [userId, sha256(recovery)]);
    return used.length === 1;
  }
}

/** Bound into each sealed secret: a value copied onto another user's row does not open. */
const totpContext = (userId: string) => `user_totp:${userId}`;

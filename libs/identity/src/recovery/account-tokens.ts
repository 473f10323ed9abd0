import * as crypto from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sha256 } from '../mfa/mfa.rules';

export type AccountTokenPurpose = 'password_reset' | 'email_change';

/** A link's token lives 60 minutes at most (contract: Accounts, password reset). */
export const ACCOUNT_TOKEN_TTL_MINUTES = 60;

export interface AccountTokenRow { id: string; userId: string; newEmail: string | null }

/**
 * Single-use tokens for links sent by mail (password reset, email change): 256 random bits,
 * only their SHA-256 stored, valid for an hour, spent by the UPDATE that accepts them.
 */
@Injectable()
export class AccountTokens {
  /** Creates the token with a caller-chosen row id, so a retried job makes no second token; null when that id exists. */
  async create(m: EntityManager, id: string, userId: string, purpose: AccountTokenPurpose, newEmail: string | null = null): Promise<string | null> {
    const token = crypto.randomBytes(32).toString('base64url');
    const rows = await m.query(
      `INSERT INTO account_tokens (id, user_id, purpose, token_hash, new_email, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, userId, purpose, sha256(token), newEmail, ACCOUNT_TOKEN_TTL_MINUTES],
    );
    return rows.length ? token : null;
  }

  /** The unspent, unexpired token's row, locked for the caller's transaction; null otherwise. */
  async lock(m: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<AccountTokenRow | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const [row] = await m.query(
      `SELECT id, user_id AS "userId", new_email AS "newEmail" FROM account_tokens
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [sha256(token), purpose],
    );
    return row ?? null;
  }

  /** Spends this token and every other unspent one of the same purpose for the user. */
  async spendAll(m: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await m.query(`UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose]);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, normalizeEmail } from '@themis/core';

/**
 * Counts failed sign-ins per account and per IP over a sliding window (OWASP ASVS V6.3:
 * anti-automation). Each attempt takes its place in the count before its password is checked,
 * under a transaction-scoped advisory lock per account and per IP: twenty concurrent wrong
 * passwords against a limit of five get five checks, not eleven. A right password removes
 * the account's count, its own place included.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses (429) when a limit is reached; otherwise records this attempt as a failure until `clear`. */
  async reserve(email: string, ip: string): Promise<void> {
    const { perAccount, perIp, windowSeconds } = this.config.loginThrottle;
    const account = normalizeEmail(email).slice(0, 254);
    const client = ip.slice(0, 64);
    await this.db.transaction(async (m) => {
      // Always account first, then IP: every attempt takes the locks in the same order, so none deadlock.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('login-account:' || $1, 0)), pg_advisory_xact_lock(hashtextextended('login-ip:' || $2, 0))`, [account, client]);
      const [row] = await m.query(
        `SELECT count(*) FILTER (WHERE account = $1)::int AS account, count(*) FILTER (WHERE ip = $2)::int AS ip
           FROM login_failures
          WHERE (account = $1 OR ip = $2) AND failed_at > now() - make_interval(secs => $3)`,
        [account, client, windowSeconds],
      );
      if (row.account >= perAccount || row.ip >= perIp) {
        throw new DomainError(ErrorCode.TooManyAttempts, 'Too many failed sign-in attempts; try again later, or reset your password', { retryAfterSeconds: 60 });
      }
      await m.query(`INSERT INTO login_failures (account, ip) VALUES ($1, $2)`, [account, client]);
    });
  }

  /** After a right password, and when an admin unlocks an account. */
  async clear(email: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.db.manager).query(`DELETE FROM login_failures WHERE account = $1`, [normalizeEmail(email)]);
  }
}

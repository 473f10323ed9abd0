import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, normalizeEmail } from '@themis/core';
import { LoginFailure } from '../entities/login-failure.entity';

/** Counts failed sign-ins per account and per IP over a sliding window (OWASP ASVS V6.3: anti-automation). */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const { perAccount, perIp, windowSeconds } = this.config.loginThrottle;
    const [row] = await this.failures.query(
      `SELECT count(*) FILTER (WHERE account = $1)::int AS account, count(*) FILTER (WHERE ip = $2)::int AS ip
         FROM login_failures
        WHERE (account = $1 OR ip = $2) AND failed_at > now() - make_interval(secs => $3)`,
      [normalizeEmail(email), ip, windowSeconds],
    );
    if (row.account >= perAccount || row.ip >= perIp) {
      throw new DomainError(ErrorCode.TooManyAttempts, 'Too many failed sign-in attempts; try again later');
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.failures.insert({ account: normalizeEmail(email).slice(0, 254), ip: ip.slice(0, 64) });
  }

  async clear(email: string): Promise<void> {
    await this.failures.delete({ account: normalizeEmail(email) });
  }
}

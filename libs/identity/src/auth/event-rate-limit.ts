import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@themis/core';

/**
 * Sliding-window counts of events per key (a client address, an email address), shared by every
 * process through PostgreSQL. The count and the new event are one step under an advisory lock
 * on the key, so concurrent requests cannot all slip under the limit. The 429 says when the
 * oldest counted event leaves the window (Retry-After).
 */
@Injectable()
export class EventRateLimit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async consume(bucket: string, key: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    const k = key.slice(0, 254);
    const retryAfter = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [bucket, k]);
      await m.query(`DELETE FROM rate_limit_events WHERE bucket = $1 AND key = $2 AND at <= now() - make_interval(secs => $3)`, [bucket, k, windowSeconds]);
      const [row] = await m.query(
        `SELECT count(*)::int AS n, ceil(extract(epoch FROM min(at) + make_interval(secs => $3) - now()))::int AS wait
           FROM rate_limit_events WHERE bucket = $1 AND key = $2`,
        [bucket, k, windowSeconds],
      );
      if (row.n >= limit) return Math.max(1, row.wait ?? windowSeconds);
      await m.query(`INSERT INTO rate_limit_events (bucket, key) VALUES ($1, $2)`, [bucket, k]);
      return 0;
    });
    if (retryAfter > 0) throw new DomainError(ErrorCode.TooManyAttempts, message, { retryAfterSeconds: retryAfter });
  }
}

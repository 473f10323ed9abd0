import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { preparedQuery } from '@themis/database';

/** How often this process adds its counted calls to the shared counters. */
export const RATE_LIMIT_FLUSH_MS = 250;
/** Clients tracked per minute in memory; past this a call is counted in PostgreSQL at once. */
const MAX_TRACKED_CLIENTS = 50_000;
/** Counter rows older than this are deleted now and then. */
const SWEEP_EVERY_FLUSHES = 240;

interface Tally {
  /** The shared count for this client and minute as PostgreSQL last answered it (every instance's calls). */
  shared: number;
  /** Calls counted here and not yet sent. */
  pending: number;
  /** Calls being sent now. */
  inflight: number;
}

const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/**
 * The per-client, per-minute limit on public lookups (verification by code or by document).
 * The counts live in PostgreSQL (rate_limit_counters), so every instance counts against the
 * same limit and a restart forgets nothing that matters. Writing a counter on every request
 * made the hottest public route cost an upsert per call (about a third of the bare baseline in
 * `npm run bench`), so each process adds up its calls and sends them in one statement every
 * RATE_LIMIT_FLUSH_MS, learning the shared total in the answer. One instance counts exactly;
 * with several, a client can get at most one flush interval's worth of calls per other
 * instance past the limit before every instance sees the total.
 */
@Injectable()
export class PublicRateLimit implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PublicRateLimit.name);
  private minute = minuteOf(Date.now());
  private tallies = new Map<string, Tally>();
  /** The previous minute's tallies until their last calls are sent. */
  private retiring: { minute: number; tallies: Map<string, Tally> }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private flushes = 0;
  /** Calls were counted since the last flush began. */
  private unsent = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, @InjectDataSource() private readonly db: DataSource) {}

  /** Counts one call by `client`; true while the client is within its limit for this minute. */
  async admit(client: string): Promise<boolean> {
    const key = client.slice(0, 100);
    const now = minuteOf(Date.now());
    if (now !== this.minute) this.rollOver(now);
    let tally = this.tallies.get(key);
    if (!tally) {
      if (this.tallies.size >= MAX_TRACKED_CLIENTS) return (await this.send(now, [key], [1])).get(key)! <= this.limit;
      tally = { shared: 0, pending: 0, inflight: 0 };
      this.tallies.set(key, tally);
    }
    tally.pending++;
    this.unsent = true;
    this.schedule();
    return tally.shared + tally.inflight + tally.pending <= this.limit;
  }

  /** Sends every counted call now (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.sendPending();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
      if (this.retiring.length || this.unsent) this.schedule();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush().catch((err) => this.logger.warn(`rate-limit counts not saved at shutdown: ${String(err)}`));
  }

  private get limit(): number {
    return this.config.publicRateLimitPerMinute;
  }

  private rollOver(now: number): void {
    if (this.tallies.size) this.retiring.push({ minute: this.minute, tallies: this.tallies });
    this.minute = now;
    this.tallies = new Map();
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch((err) => this.logger.warn(`rate-limit counts not sent yet: ${String(err)}`));
    }, RATE_LIMIT_FLUSH_MS);
    this.timer.unref();
  }

  private async sendPending(): Promise<void> {
    const windows = [...this.retiring, { minute: this.minute, tallies: this.tallies }];
    this.retiring = [];
    this.unsent = false;
    const failures: unknown[] = [];
    for (const w of windows) await this.sendWindow(w.minute, w.tallies).catch((err) => failures.push(err));
    if (failures.length) throw failures[0];
    if (++this.flushes % SWEEP_EVERY_FLUSHES === 0) await this.db.query(`DELETE FROM rate_limit_counters WHERE window_start < now() - interval '5 minutes'`);
  }

  private async sendWindow(minute: number, tallies: Map<string, Tally>): Promise<void> {
    const keys: string[] = [];
    const counts: number[] = [];
    for (const [key, t] of tallies) {
      if (!t.pending) continue;
      t.inflight += t.pending;
      t.pending = 0;
      keys.push(key);
      counts.push(t.inflight);
    }
    if (!keys.length) return;
    try {
      const totals = await this.send(minute, keys, counts);
      for (const key of keys) {
        const t = tallies.get(key)!;
        t.shared = totals.get(key) ?? t.shared;
        t.inflight = 0;
      }
    } catch (err) {
      // Not lost: the calls go out with the next flush (and keep counting here meanwhile).
      for (const key of keys) {
        const t = tallies.get(key)!;
        t.pending += t.inflight;
        t.inflight = 0;
      }
      this.unsent = true;
      if (tallies !== this.tallies && !this.retiring.some((w) => w.tallies === tallies)) this.retiring.push({ minute, tallies });
      throw err;
    }
  }

  /** Adds counts in one statement, keys in a fixed order so two instances never deadlock; answers the totals. */
  private async send(minute: number, keys: string[], counts: number[]): Promise<Map<string, number>> {
    const rows = await preparedQuery<{ key: string; count: number }>(
      this.db,
      'rate-limit-add',
      `INSERT INTO rate_limit_counters (key, window_start, count)
       SELECT k, to_timestamp($1::bigint * 60), n FROM unnest($2::varchar[], $3::int[]) AS t(k, n) ORDER BY k
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + excluded.count
       RETURNING key, count`,
      [minute, keys, counts],
    );
    return new Map(rows.map((r) => [r.key, Number(r.count)]));
  }
}

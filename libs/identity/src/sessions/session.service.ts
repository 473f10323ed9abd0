import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Locale, Role } from '@themis/core';
import { preparedQuery } from '@themis/database';
import { TokenResponse } from '../dto/register.dto';
import { AuthenticatedUser } from '../auth/decorators';
import { TokenKeys } from '../auth/token-keys';

export interface AccessTokenPayload { sub: string; sid: string; name: string; iat?: number; exp?: number }

/** The signed-in user as the database says now, with the session the token names. */
export interface SessionUser extends AuthenticatedUser {
  sessionId: string;
  locale: Locale;
  mfaEnabled: boolean;
}

// One primary-key lookup joined by primary key: the cost every signed-in request pays so that
// sign-out, password and role changes and deactivation take effect on the next request.
const LOOKUP = `SELECT u.id, u.role, u.full_name AS "fullName", u.locale, u.mfa_enabled_at IS NOT NULL AS "mfaEnabled"
  FROM sessions s JOIN users u ON u.id = s.user_id
 WHERE s.id = $1 AND s.user_id = $2 AND s.expires_at > now() AND u.deactivated_at IS NULL`;

/**
 * Every access token belongs to a row in `sessions` (the token carries its id as `sid`), so a
 * session ends at once by deleting its row (OWASP ASVS 5.0 V7.4: session termination). The
 * token's signature and `exp` are checked first, so a forged token never reaches the database.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly keys: TokenKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session and signs its access token. Pass a transaction's manager to commit it with other work. */
  async start(user: AuthenticatedUser, manager?: EntityManager): Promise<TokenResponse> {
    const ttl = this.config.jwt.ttlSeconds;
    const m = manager ?? this.db.manager;
    await m.query(`DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()`, [user.id]); // no row outlives its token for long
    const [row] = await m.query(
      `INSERT INTO sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id`,
      [user.id, ttl],
    );
    const payload: AccessTokenPayload = { sub: user.id, sid: row.id, name: user.fullName };
    const accessToken = this.jwt.sign(payload, { secret: this.keys.current.secret, keyid: this.keys.current.kid, expiresIn: ttl, algorithm: 'HS256' });
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }

  /** The user a token (from a header or the page cookie) stands for now, or null. */
  async authenticate(token: string): Promise<SessionUser | null> {
    const claims = this.verify(token);
    if (!claims) return null;
    const rows = await preparedQuery<Omit<SessionUser, 'sessionId'>>(this.db, 'session-user', LOOKUP, [claims.sid, claims.sub]);
    return rows[0] ? { ...rows[0], role: rows[0].role as Role, sessionId: claims.sid } : null;
  }

  /** Signature, key id and expiry only (no database): a token without `exp` or `sid` is refused. */
  verify(token: string): AccessTokenPayload | null {
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string };
      const secret = this.keys.keyFor(header.kid);
      if (!secret) return null;
      const payload = this.jwt.verify<AccessTokenPayload>(token, { secret: secret as unknown as string, algorithms: ['HS256'] });
      if (typeof payload.exp !== 'number' || typeof payload.sid !== 'string' || !UUID.test(payload.sid) || typeof payload.sub !== 'string' || !UUID.test(payload.sub)) return null;
      return payload;
    } catch {
      return null;
    }
  }

  /** The account's live sessions, for the download of its data. */
  async listForUser(userId: string): Promise<{ createdAt: string; expiresAt: string }[]> {
    const rows: { created_at: Date; expires_at: Date }[] = await this.db.query(`SELECT created_at, expires_at FROM sessions WHERE user_id = $1 AND expires_at > now() ORDER BY created_at`, [userId]);
    return rows.map((r) => ({ createdAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString() }));
  }

  async end(sessionId: string): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE id = $1`, [sessionId]);
  }

  /** Ends every session of a user ("sign out everywhere", password, role or status changes), except `keep`. */
  async endAllForUser(userId: string, manager?: EntityManager, keep?: string): Promise<void> {
    await (manager ?? this.db.manager).query(`DELETE FROM sessions WHERE user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`, [userId, keep ?? null]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

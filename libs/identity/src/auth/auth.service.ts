import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@themis/core';
import { TokenResponse } from '../dto/register.dto';
import { UsersService } from '../users/users.service';
import { AuthenticatedUser } from './decorators';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { TokenKeys } from './token-keys';

export interface AccessTokenPayload { sub: string; role: string; name: string }

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly keys: TokenKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One message for unknown email and wrong password alike, so the answer never tells whether an account exists. */
  async validateCredentials(email: string, password: string, ip: string): Promise<AuthenticatedUser> {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.users.findCredentials(email);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, ip);
      throw new DomainError(ErrorCode.InvalidCredentials, 'Invalid email or password');
    }
    await this.throttle.clear(email);
    return { id: user.id, role: user.role, fullName: user.fullName };
  }

  issueToken(user: AuthenticatedUser): TokenResponse {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, name: user.fullName };
    const accessToken = this.jwt.sign(payload, {
      secret: this.keys.current.secret,
      keyid: this.keys.current.kid,
      expiresIn: this.config.jwt.ttlSeconds,
      algorithm: 'HS256',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwt.ttlSeconds };
  }

  /** Verifies a token from a header or the page session cookie. */
  verifyToken(token: string): AuthenticatedUser | null {
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string };
      const secret = this.keys.keyFor(header.kid);
      if (!secret) return null;
      const payload = this.jwt.verify<AccessTokenPayload>(token, { secret: secret as unknown as string, algorithms: ['HS256'] });
      return { id: payload.sub, role: payload.role, fullName: payload.name };
    } catch {
      return null;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@themis/core';
import { TokenResponse } from '../dto/register.dto';
import { MfaService } from '../mfa/mfa.service';
import { SessionService } from '../sessions/session.service';
import { UsersService } from '../users/users.service';
import { AuthenticatedUser } from './decorators';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';

export interface MfaChallengeResponse { mfaRequired: true; mfaToken: string }
export type SignInResponse = TokenResponse | MfaChallengeResponse;
export type CheckedUser = AuthenticatedUser & { mfaEnabled: boolean };

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
  ) {}

  /** One message for unknown email and wrong password alike, so the answer never tells whether an account exists. */
  async validateCredentials(email: string, password: string, ip: string): Promise<CheckedUser> {
    await this.throttle.reserve(email, ip);
    const user = await this.users.findCredentials(email);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok) throw new DomainError(ErrorCode.InvalidCredentials, 'Invalid email or password');
    await this.throttle.clear(email);
    return { id: user.id, role: user.role, fullName: user.fullName, mfaEnabled: user.mfaEnabledAt !== null };
  }

  /** After the password: a session, or for an account with MFA on, a challenge to answer with a code. */
  async signIn(user: CheckedUser): Promise<SignInResponse> {
    if (user.mfaEnabled) return { mfaRequired: true, mfaToken: await this.mfa.challenge(user.id) };
    return this.sessions.start(user);
  }

  /** The second step: a TOTP or recovery code against the challenge's token. */
  async signInWithCode(mfaToken: string, code: string): Promise<TokenResponse> {
    const userId = await this.mfa.answerChallenge(mfaToken, code);
    return this.sessions.start(await this.users.findAuthenticated(userId));
  }
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenPayload } from './auth.service';
import { AuthenticatedUser } from './decorators';
import { TokenKeys } from './token-keys';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(keys: TokenKeys) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['HS256'],
      secretOrKeyProvider: (_req: unknown, rawJwt: string, done: (err: Error | null, secret?: string) => void) => {
        try {
          const header = JSON.parse(Buffer.from(rawJwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string };
          const secret = keys.keyFor(header.kid) as unknown as string | undefined; // a KeyObject: jsonwebtoken takes it as is
          return secret ? done(null, secret) : done(new Error('unknown key'));
        } catch (err) {
          return done(err as Error);
        }
      },
    });
  }

  validate(payload: AccessTokenPayload): AuthenticatedUser {
    return { id: payload.sub, role: payload.role, fullName: payload.name };
  }
}

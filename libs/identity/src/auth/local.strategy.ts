import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { DomainError, ErrorCode } from '@themis/core';
import { AuthService } from './auth.service';
import { AuthenticatedUser } from './decorators';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: unknown, password: unknown): Promise<AuthenticatedUser> {
    for (const [field, value] of [['email', email], ['password', password]] as const) {
      if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
        throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a non-empty string`, { field });
      }
    }
    return this.auth.validateCredentials(email as string, password as string, req.ip ?? 'unknown');
  }
}

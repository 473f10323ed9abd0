import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@themis/core';
import { Permission } from '../permissions';
import { SessionService, SessionUser } from '../sessions/session.service';
import { VerifiersService } from '../verifiers/verifiers.service';
import { AuthenticatedVerifier, IS_PUBLIC, MFA_SETUP_ALLOWED, REQUIRED_PERMISSION, VERIFIER_ONLY } from './decorators';
import { PermissionService } from './permission.service';
import { needsStaffMfa } from './staff-mfa.rules';

type AuthRequest = Request & { user?: SessionUser; verifier?: AuthenticatedVerifier };

const bearerOf = (req: Request): string | undefined => req.header('authorization')?.match(/^Bearer (.+)$/i)?.[1];

/**
 * Default deny: a route is open only with @Public(), for verifiers only with
 * @VerifierOnly(), and otherwise needs a signed-in user holding the route's permission.
 * The user comes from the session the token names, as the database has it now: role,
 * deactivation and sign-out take effect on the next request, on every route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly permissions: PermissionService,
    private readonly verifiers: VerifiersService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<AuthRequest>();

    if (this.reflector.getAllAndOverride<boolean>(VERIFIER_ONLY, targets)) {
      const verifier = await this.verifiers.authenticate(req.header('x-api-key'));
      if (!verifier) throw new DomainError(ErrorCode.Unauthenticated, 'A valid X-Api-Key header is required');
      req.verifier = verifier;
      return true;
    }

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Public routes still know who is asking when a token is sent (e.g. an admin downloading);
      // without one they cost nothing.
      const bearer = bearerOf(req);
      if (!req.user && bearer) req.user = (await this.sessions.authenticate(bearer)) ?? undefined;
      return true;
    }

    // Page routes set req.user from the session cookie before guards run.
    if (!req.user) {
      const bearer = bearerOf(req);
      req.user = bearer ? ((await this.sessions.authenticate(bearer)) ?? undefined) : undefined;
      if (!req.user) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in first: a valid Bearer token is required');
    }
    const user = req.user;
    if (needsStaffMfa(this.config.requireStaffMfa, user) && !this.reflector.getAllAndOverride<boolean>(MFA_SETUP_ALLOWED, targets)) {
      throw new DomainError(ErrorCode.MfaRequired, 'Turn on two-factor sign-in first (POST /api/v1/me/mfa/totp)');
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission && !this.permissions.has(user.role, permission)) {
      throw new DomainError(ErrorCode.Forbidden, 'You do not have permission to do this');
    }
    return true;
  }
}

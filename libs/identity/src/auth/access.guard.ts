import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '@themis/core';
import { Permission } from '../permissions';
import { UsersService } from '../users/users.service';
import { VerifiersService } from '../verifiers/verifiers.service';
import { AuthService } from './auth.service';
import { AuthenticatedUser, AuthenticatedVerifier, IS_PUBLIC, REQUIRED_PERMISSION, VERIFIER_ONLY } from './decorators';
import { PermissionService } from './permission.service';

type AuthRequest = Request & { user?: AuthenticatedUser; verifier?: AuthenticatedVerifier };

/**
 * Default deny: a route is open only with @Public(), for verifiers only with
 * @VerifierOnly(), and otherwise needs a signed-in user holding the route's permission.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly permissions: PermissionService,
    private readonly verifiers: VerifiersService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {
    super();
  }

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
      // Public routes still know who is asking when a token is sent (e.g. an admin downloading).
      const bearer = req.header('authorization')?.match(/^Bearer (.+)$/i)?.[1];
      if (!req.user && bearer) req.user = this.auth.verifyToken(bearer) ?? undefined;
      return true;
    }

    // Page routes set req.user from the session cookie before guards run.
    if (!req.user) await super.canActivate(ctx);

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) return true;
    // A token's role may be up to an hour old. Privileged actions check the role as it is now,
    // so a demotion takes effect at once; learning routes (the hot path) trust the token.
    const role = permission === Permission.Learn ? req.user!.role : await this.users.currentRole(req.user!.id);
    if (role === null) throw new DomainError(ErrorCode.Unauthenticated, 'This account no longer exists');
    req.user = { ...req.user!, role };
    if (!this.permissions.has(role, permission)) {
      throw new DomainError(ErrorCode.Forbidden, 'You do not have permission to do this');
    }
    return true;
  }

  handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in first: a valid Bearer token is required');
    return user;
  }
}

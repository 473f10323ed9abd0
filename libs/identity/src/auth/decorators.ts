import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Permission } from '../permissions';

export const IS_PUBLIC = 'themis:public';
export const REQUIRED_PERMISSION = 'themis:permission';
export const VERIFIER_ONLY = 'themis:verifier';
export const MFA_SETUP_ALLOWED = 'themis:mfa-setup';

/** Opens a route to anyone; every other route needs a signed-in user (default deny). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
/** The route is for verifier organisations, authenticated by the X-Api-Key header. */
export const VerifierOnly = () => SetMetadata(VERIFIER_ONLY, true);
/** Open to a staff session still without MFA under REQUIRE_STAFF_MFA: the profile and the MFA set-up. */
export const MfaSetupAllowed = () => SetMetadata(MFA_SETUP_ALLOWED, true);

export interface AuthenticatedUser {
  id: string;
  role: string;
  fullName: string;
}

export interface AuthenticatedVerifier {
  id: string;
  name: string;
  /** Set when the key acts for an organisation (its roster, its members' hours). */
  organisationId: string | null;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => ctx.switchToHttp().getRequest().user);
export const CurrentVerifier = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedVerifier => ctx.switchToHttp().getRequest().verifier);

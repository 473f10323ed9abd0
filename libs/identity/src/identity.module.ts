import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { AccessGuard } from './auth/access.guard';
import { AuthService } from './auth/auth.service';
import { EventRateLimit } from './auth/event-rate-limit';
import { LocalAuthGuard } from './auth/local-auth.guard';
import { LocalStrategy } from './auth/local.strategy';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { PermissionService } from './auth/permission.service';
import { TokenKeys } from './auth/token-keys';
import { LoginFailure } from './entities/login-failure.entity';
import { RolePermission } from './entities/role-permission.entity';
import { User } from './entities/user.entity';
import { Verifier } from './entities/verifier.entity';
import { UsersService } from './users/users.service';
import { AccountClosureService } from './users/account-closure.service';
import { VerifiersService } from './verifiers/verifiers.service';
import { AccountAdminService } from './admin/account-admin.service';
import { MfaService } from './mfa/mfa.service';
import { PasswordService } from './passwords/password.service';
import { SessionService } from './sessions/session.service';
import { AccountTokens } from './recovery/account-tokens';
import { EmailChangeService } from './recovery/email-change.service';
import { PasswordResetService } from './recovery/password-reset.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, RolePermission, LoginFailure, Verifier]), PassportModule, JwtModule.register({})],
  providers: [
    { provide: TokenKeys, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new TokenKeys(config) },
    PasswordHasher,
    UsersService,
    LoginThrottle,
    AuthService,
    LocalStrategy,
    SessionService,
    EventRateLimit,
    AccountClosureService,
    AccountTokens,
    PasswordResetService,
    EmailChangeService,
    MfaService,
    PasswordService,
    AccountAdminService,
    PermissionService,
    VerifiersService,
    AccessGuard,
    LocalAuthGuard,
  ],
  exports: [LocalAuthGuard, UsersService, AuthService, PermissionService, VerifiersService, AccessGuard, PasswordHasher, TokenKeys, SessionService, MfaService, PasswordService, AccountAdminService, LoginThrottle, EventRateLimit, PasswordResetService, EmailChangeService, AccountClosureService],
})
export class IdentityModule {}

import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, ErrorCode } from '@themis/core';
import { LoginDto } from '../dto/register.dto';

/**
 * Guards run before pipes, so the sign-in body is validated here: a body of the wrong
 * shape is a 400 naming the field, not passport-local's bare "Missing credentials" 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const body = ctx.switchToHttp().getRequest().body ?? {};
    const errors = await validate(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const message = errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ');
      throw new DomainError(ErrorCode.ValidationFailed, message, { field: errors[0]!.property });
    }
    return (await super.canActivate(ctx)) as boolean;
  }
}

import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, Observable, of, switchMap } from 'rxjs';
import { AuditLog } from './audit-log';
import { AUDITED, AuditedOptions } from './audited.decorator';

type AuditRequest = Request & { user?: { id: string; role: string }; verifier?: { id: string; name: string } };

/** Records routes marked @Audited() once they succeed, before the answer is sent. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly audit: AuditLog) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<AuditedOptions | undefined>(AUDITED, ctx.getHandler());
    if (!options) return next.handle();
    const req = ctx.switchToHttp().getRequest<AuditRequest>();
    return next.handle().pipe(
      switchMap((result) => {
        // A page handler that answers itself (@Res) returns normally after rendering a 4xx form.
        if (ctx.switchToHttp().getResponse<{ statusCode: number }>().statusCode >= 400) return of(result);
        const actor = req.verifier ? `verifier:${req.verifier.id}` : req.user ? `user:${req.user.id}` : 'anonymous';
        const body = result as { id?: unknown; code?: unknown } | undefined;
        const subject = options.subjectParam ? String(req.params[options.subjectParam]) : String(body?.id ?? body?.code ?? '') || null;
        const details: Record<string, unknown> = { method: req.method, path: req.originalUrl.split('?')[0], ip: req.ip };
        if (req.verifier) details.verifierName = req.verifier.name;
        if (req.user) details.role = req.user.role;
        const reqBody = req.body as Record<string, unknown> | undefined;
        if (Array.isArray(reqBody?.codes)) details.codeCount = reqBody.codes.length;
        if (typeof reqBody?.role === 'string') details.grantedRole = reqBody.role;
        if (typeof reqBody?.reason === 'string') details.reason = reqBody.reason.slice(0, 500);
        if (req.query && Object.keys(req.query).length) details.query = req.query;
        return from(this.audit.record(undefined, { actor, action: options.action, subject: subject ?? null, details }).then(() => result));
      }),
    );
  }
}

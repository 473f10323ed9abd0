import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  Audited, BatchResult, BatchVerifyDto, CheckCredentialDto, CredentialCheckResponse, CredentialService, DocumentVerificationResponse,
  HolderHoursQueryDto, HolderHoursResponse, VerificationResponse, VerificationService,
} from '@themis/certification';
import { AuthenticatedVerifier, CurrentVerifier, Public, VerifierOnly } from '@themis/identity';

@Controller()
export class VerificationController {
  constructor(private readonly verification: VerificationService, private readonly credentials: CredentialService) {}

  @VerifierOnly()
  @Audited('verify.batch')
  @HttpCode(200)
  @Post('api/v1/verify/batch')
  batch(@Body() dto: BatchVerifyDto): Promise<{ results: BatchResult[] }> {
    return this.verification.batch(dto.codes);
  }

  @VerifierOnly()
  @Audited('verify.holder_hours', 'barNumber')
  @Get('api/v1/verify/holders/:barNumber')
  holderHours(@Param('barNumber') barNumber: string, @Query() q: HolderHoursQueryDto, @CurrentVerifier() verifier: AuthenticatedVerifier): Promise<HolderHoursResponse> {
    return this.verification.holderHours(barNumber, q.from, q.to, verifier.organisationId);
  }

  @Public()
  @HttpCode(200)
  @Post('api/v1/verify/document')
  document(@Body() pdf: Buffer, @Req() req: Request): Promise<DocumentVerificationResponse> {
    return this.verification.byDocument(pdf, `ip:${req.ip}`);
  }

  @Public()
  @HttpCode(200)
  @Post('api/v1/verify/credential')
  credential(@Body() dto: CheckCredentialDto): Promise<CredentialCheckResponse> {
    return this.credentials.check(dto.jwt);
  }

  /** 404 `{status:"not_found"}` for an unknown code (the contract's shape), without a query when the check symbol is wrong. */
  @Public()
  @Get('api/v1/verify/:code')
  async byCode(@Param('code') code: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<VerificationResponse | { statusCode: 404; status: 'not_found' }> {
    const result = await this.verification.byCode(code, `ip:${req.ip}`);
    return result.status === 'not_found' ? (res.status(404), { statusCode: 404, status: 'not_found' }) : (result as VerificationResponse);
  }

  @Public()
  @Get('.well-known/themis-issuer.json')
  issuer(): Record<string, unknown> {
    return this.credentials.issuerDocument();
  }

  @Public()
  @Get('.well-known/jwks.json')
  jwks(): { keys: Record<string, unknown>[] } {
    return this.credentials.jwks();
  }
}

import { Controller, Get, Header, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { CertificatesService, CredentialFormatQueryDto, CredentialResponse, CredentialService, MyCertificateResponse } from '@themis/certification';
import { AuthenticatedUser, CurrentUser } from '@themis/identity';
import { withType } from './credentials.controller';
import { LangPipe } from '../infra/lang.pipe';

@Controller('api/v1')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService, private readonly credentials: CredentialService) {}

  @Get('me/certificates')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyCertificateResponse[]> {
    return this.certificates.listForUser(user.id);
  }

  @Get('certificates/:code/pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'private, no-store')
  async pdf(@CurrentUser() user: AuthenticatedUser, @Param('code') code: string, @Query('lang', LangPipe) lang?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.certificates.pdf(user, code, lang), { type: 'application/pdf', disposition: `attachment; filename="themis-certificate-${code.replace(/[^0-9A-Za-z-]/g, '')}.pdf"` });
  }

  /** `?format=ldp_vc`: the bare credential with its Data Integrity proof, as JSON-LD; otherwise the JWT form. */
  @Get('certificates/:code/credential')
  async credential(@CurrentUser() user: AuthenticatedUser, @Param('code') code: string, @Query() q: CredentialFormatQueryDto, @Res({ passthrough: true }) res: Response): Promise<CredentialResponse | Record<string, unknown>> {
    return q.format === 'ldp_vc' ? withType(res, 'application/ld+json', await this.credentials.dataIntegrityForCertificate(user, code)) : this.credentials.forCertificate(user, code);
  }
}

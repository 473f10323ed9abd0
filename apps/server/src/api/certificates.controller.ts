import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { CertificatesService, CredentialResponse, CredentialService, MyCertificateResponse } from '@themis/certification';
import { AuthenticatedUser, CurrentUser } from '@themis/identity';
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

  @Get('certificates/:code/credential')
  credential(@CurrentUser() user: AuthenticatedUser, @Param('code') code: string): Promise<CredentialResponse> {
    return this.credentials.forCertificate(user, code);
  }
}

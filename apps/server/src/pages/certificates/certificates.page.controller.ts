import { Body, Controller, Get, Header, Param, Post, Query, Render, Req, Res, StreamableFile, UploadedFile, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CredentialService } from '@themis/certification';
import { AuthenticatedUser, CurrentUser, Permission, Public, RequirePermission } from '@themis/identity';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { CertificatePagesService } from './certificate-pages.service';

@UseFilters(PageErrorFilter)
@Controller()
export class CertificatesPageController {
  constructor(private readonly pages: CertificatePagesService, private readonly credentials: CredentialService) {}

  /** A browser sends no Bearer header, so the dashboard's download link comes here, under the session cookie. */
  @RequirePermission(Permission.Learn)
  @Get('certificates/:code.pdf')
  async pdf(@Param('code') code: string, @CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return new StreamableFile(await this.pages.pdf(user, code), { type: 'application/pdf', disposition: `attachment; filename="themis-certificate-${code.replace(/[^0-9A-Za-z-]/g, '')}.pdf"` });
  }

  /** The Open Badges 3.0 credential with its Data Integrity proof, as a file to hand to a wallet (the ldp_vc form of the API). */
  @RequirePermission(Permission.Learn)
  @Get('certificates/:code.jsonld')
  async credential(@Param('code') code: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return jsonLdFile(await this.credentials.dataIntegrityForCertificate(user, code), `themis-certificate-${code.replace(/[^0-9A-Za-z-]/g, '')}.jsonld`);
  }

  /** Every visit makes a new single-use offer (ten minutes): a code shown once is never shown again. */
  @RequirePermission(Permission.Learn)
  @Get('certificates/:code/wallet')
  @Header('Cache-Control', 'no-store')
  @Render('pages/wallet')
  wallet(@Param('code') code: string, @CurrentUser() user: AuthenticatedUser): Promise<object> {
    return this.pages.walletOffer(user, code);
  }

  @Public()
  @Get('verify')
  lookup(@Query('code') code: string | undefined, @Req() req: Request, @Res() res: Response): void {
    send(req, res, this.pages.lookup(code));
  }

  /** Multipart, parsed before the CSRF check by infra/upload-parser, so the token travels in the body. */
  @Public()
  @Post('verify/document')
  async document(@UploadedFile() file: { buffer: Buffer; size: number } | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.byDocument(file, `ip:${req.ip}`));
  }

  @RequirePermission(Permission.RevokeCertificates)
  @Get('admin/certificates')
  @Render('pages/admin/certificates')
  list(@Query('query') query?: string, @Query('revoked') revoked?: string, @Query('reissued') reissued?: string, @Query('notReissued') notReissued?: string): Promise<object> {
    return this.pages.adminList(query, { revoked: revoked === '1', reissued: reissued === '1', notReissued: notReissued === '1' });
  }

  /** The name on a certificate is what the holder's profile said at issue: after a correction, an admin re-issues it. */
  @RequirePermission(Permission.RevokeCertificates)
  @Post('admin/certificates/:code/reissue')
  async reissue(@Param('code') code: string, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.reissue(code, user.id));
  }

  @RequirePermission(Permission.ViewAuditLog)
  @Get('admin/audit')
  async audit(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.auditPage(query));
  }

  @RequirePermission(Permission.RevokeCertificates)
  @Post('admin/certificates/:code/revocation')
  async revoke(@Param('code') code: string, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.revoke(code, body, user.id));
  }
}

export function jsonLdFile(document: unknown, filename: string): StreamableFile {
  return new StreamableFile(Buffer.from(JSON.stringify(document, null, 2), 'utf8'), { type: 'application/ld+json', disposition: `attachment; filename="${filename}"` });
}

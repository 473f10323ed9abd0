import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { AuditEntryResponse, AuditLog, AuditQueryDto, CertificatesService, PageQueryDto, RevokeCertificateDto, VerificationResponse } from '@themis/certification';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';

@Controller('api/v1/admin')
export class AdminCertificatesController {
  constructor(private readonly certificates: CertificatesService, private readonly audit: AuditLog) {}

  @RequirePermission(Permission.ReadAnyCertificate)
  @Get('certificates')
  list(@Query() q: PageQueryDto): Promise<{ total: number; certificates: VerificationResponse[] }> {
    return this.certificates.list({ limit: q.limit, offset: q.offset, query: q.query });
  }

  @RequirePermission(Permission.RevokeCertificates)
  @HttpCode(200)
  @Post('certificates/:code/revocation')
  revoke(@Param('code') code: string, @Body() dto: RevokeCertificateDto, @CurrentUser() admin: AuthenticatedUser): Promise<VerificationResponse> {
    return this.certificates.revoke(code, dto.reason, admin.id);
  }

  @RequirePermission(Permission.RevokeCertificates)
  @Post('certificates/:code/reissue')
  reissue(@Param('code') code: string, @CurrentUser() admin: AuthenticatedUser): Promise<VerificationResponse> {
    return this.certificates.reissue(code, admin.id);
  }

  @RequirePermission(Permission.ViewAuditLog)
  @Get('audit')
  auditLog(@Query() q: AuditQueryDto): Promise<{ total: number; entries: AuditEntryResponse[] }> {
    return this.audit.list({ limit: q.limit, offset: q.offset }, q);
  }
}

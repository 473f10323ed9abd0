import { Body, Controller, Get, Param, Post, Query, Render, Req, Res, UploadedFile, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Audited, complianceCsv, complianceXlsx } from '@themis/certification';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';
import { IdPipe } from '../../infra/params';
import { PageErrorFilter } from '../../web/page-error.filter';
import { send } from '../../web/page-result';
import { OrganisationPagesService, Upload } from './organisation-pages.service';

type Form = Record<string, unknown>;

@UseFilters(PageErrorFilter)
@Controller()
export class OrganisationPageController {
  constructor(private readonly pages: OrganisationPagesService) {}

  @Get('organisations')
  @Render('pages/org/mine')
  mine(@CurrentUser() user: AuthenticatedUser, @Query('claimed') claimed?: string): Promise<object> {
    return this.pages.mine(user, { claimed: claimed === '1' });
  }

  @Post('organisations/memberships')
  async claim(@CurrentUser() user: AuthenticatedUser, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.claim(user, body ?? {}));
  }

  @Get('organisations/:id')
  @Render('pages/org/console')
  console(@CurrentUser() user: AuthenticatedUser, @Param('id', IdPipe) id: string, @Query() query: Form): Promise<object> {
    return this.pages.console(user, id, query, { decided: query['decided'] === '1' });
  }

  /** Multipart, parsed before the CSRF check by infra/upload-parser, so the token travels in the body. */
  @Post('organisations/:id/roster')
  async roster(@CurrentUser() user: AuthenticatedUser, @Param('id', IdPipe) id: string, @UploadedFile() file: Upload, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.uploadRoster(user, id, file));
  }

  @Post('organisations/:id/memberships/:membershipId/decision')
  async decide(@CurrentUser() user: AuthenticatedUser, @Param('id', IdPipe) id: string, @Param('membershipId', IdPipe) membershipId: string, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.decide(user, id, membershipId, body ?? {}));
  }

  @Get('organisations/:id/export')
  async export(@CurrentUser() user: AuthenticatedUser, @Param('id', IdPipe) id: string, @Query() query: Form, @Res() res: Response): Promise<void> {
    const { report, format } = await this.pages.exportFile(user, id, query);
    const name = `cle-compliance-${report.cycle.start}-${report.cycle.end}.${format}`;
    if (format === 'csv') res.type('text/csv; charset=utf-8').attachment(name).send(complianceCsv(report));
    else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(name).send(await complianceXlsx(report));
  }

  @Post('organisations/:id/bulk-verification')
  async bulk(@CurrentUser() user: AuthenticatedUser, @Param('id', IdPipe) id: string, @Body() body: Form, @UploadedFile() file: Upload, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.bulkVerify(user, id, body ?? {}, file));
  }

  @Get('staff/approvals')
  @Render('pages/org/approvals')
  approvals(@CurrentUser() user: AuthenticatedUser, @Query('approved') approved?: string, @Query('issued') issued?: string): Promise<object> {
    return this.pages.approvalsPage(user, { approved: approved && /^[a-z0-9-]{1,100}$/.test(approved) ? approved : undefined, issued: /^\d{1,7}$/.test(issued ?? '') ? issued : undefined });
  }

  @Audited('version.approval', 'id')
  @Post('staff/approvals/:id')
  async approve(@CurrentUser() user: AuthenticatedUser, @Param('id', IdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.approve(user, id));
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Get('admin/organisations')
  @Render('pages/org/admin')
  admin(@Query('created') created?: string, @Query('granted') granted?: string): Promise<object> {
    return this.pages.adminPage({ created: created === '1', granted: granted === '1' });
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Audited('organisation.create')
  @Post('admin/organisations')
  async create(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.createOrganisation(body ?? {}));
  }

  @RequirePermission(Permission.ManageVerifiers)
  @Audited('organisation.grant', 'id')
  @Post('admin/organisations/:id/grants')
  async grant(@Param('id', IdPipe) id: string, @Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.pages.grant(id, body ?? {}));
  }
}

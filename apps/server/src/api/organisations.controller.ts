import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccreditationResponse, AccreditationService, AccreditDto } from '@themis/accreditation';
import { Audited, complianceCsv, ComplianceReport, ComplianceService, complianceXlsx } from '@themis/certification';
import { Permission, Public, RequirePermission } from '@themis/identity';
import {
  CleRules, ComplianceStatus, CreateOrganisationDto, DecideMembershipDto, ExemptionDto, GrantDto, MembershipResponse, MembershipsService, MembershipStatus,
  OrganisationAccess, OrganisationResponse, OrganisationsService, RosterService, RosterUploadResponse,
} from '@themis/organisations';
import { DomainError, ErrorCode } from '@themis/core';
import { IdPipe } from '../infra/params';
import { callerOf } from '../infra/organisation-caller';

const STATUSES = ['verified', 'pending', 'rejected', 'superseded'];
const COMPLIANCE = ['compliant', 'short', 'exempt'];
const oneOf = <T extends string>(v: string | undefined, allowed: string[], field: string): T | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!allowed.includes(v)) throw new DomainError(ErrorCode.ValidationFailed, `${field} must be one of ${allowed.join(', ')}`, { field });
  return v as T;
};
const whole = (v: string | undefined, field: string, max: number): number | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,7}$/.test(v) || Number(v) > max) throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a whole number from 0 to ${max}`, { field });
  return Number(v);
};

@Controller('api/v1/admin/organisations')
@RequirePermission(Permission.ManageVerifiers)
export class AdminOrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Audited('organisation.create')
  @Post()
  create(@Body() dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return this.organisations.create(dto);
  }

  @Get()
  list(): Promise<OrganisationResponse[]> {
    return this.organisations.list();
  }

  @Audited('organisation.grant', 'id')
  @Post(':id/grants')
  grant(@Param('id', IdPipe) id: string, @Body() dto: GrantDto): Promise<{ organisationId: string; userId: string; grant: string }> {
    return this.organisations.grant(id, dto);
  }
}

/** An organisation's own routes: its key or its clerks (accreditors for accreditation). */
@Public()
@Controller('api/v1/organisations/:id')
export class OrganisationsController {
  constructor(
    private readonly access: OrganisationAccess,
    private readonly organisations: OrganisationsService,
    private readonly roster: RosterService,
    private readonly memberships: MembershipsService,
    private readonly accreditation: AccreditationService,
    private readonly compliance: ComplianceService,
  ) {}

  @Put('roster')
  async upload(@Param('id', IdPipe) id: string, @Req() req: Request): Promise<RosterUploadResponse> {
    return this.roster.upload(await this.access.require(callerOf(req), id, 'clerk'), req.body);
  }

  @Get('memberships')
  async claims(@Param('id', IdPipe) id: string, @Req() req: Request, @Query('status') status?: string): Promise<MembershipResponse[]> {
    return this.memberships.claims(await this.access.require(callerOf(req), id, 'clerk'), oneOf<MembershipStatus>(status, STATUSES, 'status') ?? null);
  }

  @HttpCode(200)
  @Post('memberships/:membershipId/decision')
  async decide(@Param('id', IdPipe) id: string, @Param('membershipId', IdPipe) membershipId: string, @Body() dto: DecideMembershipDto, @Req() req: Request): Promise<MembershipResponse> {
    return this.memberships.decide(await this.access.require(callerOf(req), id, 'clerk'), membershipId, dto);
  }

  @Get('cle-rules')
  async rules(@Param('id', IdPipe) id: string, @Req() req: Request): Promise<CleRules> {
    await this.access.require(callerOf(req), id, 'clerk');
    return this.organisations.rules(id);
  }

  @Put('cle-rules')
  async saveRules(@Param('id', IdPipe) id: string, @Req() req: Request): Promise<CleRules> {
    return this.organisations.saveRules(await this.access.require(callerOf(req), id, 'clerk'), req.body);
  }

  @Post('exemptions')
  async exempt(@Param('id', IdPipe) id: string, @Body() dto: ExemptionDto, @Req() req: Request): Promise<{ id: string }> {
    return this.organisations.addExemption(await this.access.require(callerOf(req), id, 'clerk'), dto);
  }

  @Post('accreditations')
  async accredit(@Param('id', IdPipe) id: string, @Body() dto: AccreditDto, @Req() req: Request): Promise<AccreditationResponse> {
    return this.accreditation.accredit(await this.access.require(callerOf(req), id, 'accreditor', false), dto);
  }

  @Get('accreditations')
  async accreditations(@Param('id', IdPipe) id: string, @Req() req: Request): Promise<AccreditationResponse[]> {
    return this.accreditation.list(await this.access.require(callerOf(req), id, 'clerk'));
  }

  @Get('compliance')
  async report(@Param('id', IdPipe) id: string, @Req() req: Request, @Query() q: Record<string, string>): Promise<ComplianceReport> {
    return this.compliance.report(await this.access.require(callerOf(req), id, 'clerk'), {
      day: q.day, q: q.q, status: oneOf<ComplianceStatus>(q.status, COMPLIANCE, 'status'), limit: whole(q.limit, 'limit', 10000) ?? 100, offset: whole(q.offset, 'offset', 1000000),
    });
  }

  /** The whole filtered list as a file: `format=csv` or `format=xlsx`. */
  @Get('compliance/export')
  async export(@Param('id', IdPipe) id: string, @Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>): Promise<void> {
    const format = oneOf<'csv' | 'xlsx'>(q.format, ['csv', 'xlsx'], 'format') ?? 'csv';
    const report = await this.compliance.report(await this.access.require(callerOf(req), id, 'clerk'), { day: q.day, q: q.q, status: oneOf<ComplianceStatus>(q.status, COMPLIANCE, 'status') });
    const name = `cle-compliance-${report.cycle.start}-${report.cycle.end}.${format}`;
    if (format === 'csv') res.type('text/csv; charset=utf-8').attachment(name).send(complianceCsv(report));
    else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(name).send(await complianceXlsx(report));
  }
}

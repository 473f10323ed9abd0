import { Injectable } from '@nestjs/common';
import { PendingVersionResponse, VersionApprovals } from '@themis/accreditation';
import { ApprovalIssuer, ComplianceService, VerificationService } from '@themis/certification';
import { DomainError, ErrorCode } from '@themis/core';
import { AuthenticatedUser, UsersService } from '@themis/identity';
import {
  ClaimMembershipDto, ComplianceStatus, CreateOrganisationDto, MembershipsService, OrganisationAccess, OrganisationActor, OrganisationsService, RosterService,
} from '@themis/organisations';
import { validateForm } from '../../web/form';
import { PageResult } from '../../web/page-result';

type Form = Record<string, unknown>;
export type Upload = { buffer: Buffer; size: number } | undefined;
const str = (f: Form, k: string) => (typeof f[k] === 'string' ? (f[k] as string).trim() : '');
const STATUSES: ComplianceStatus[] = ['compliant', 'short', 'exempt'];

/** The pages of bar associations: a learner's memberships, a clerk's day, admins' organisations, four-eyes approvals. */
@Injectable()
export class OrganisationPagesService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly memberships: MembershipsService,
    private readonly roster: RosterService,
    private readonly compliance: ComplianceService,
    private readonly verification: VerificationService,
    private readonly approvals: VersionApprovals,
    private readonly issuer: ApprovalIssuer,
    private readonly users: UsersService,
  ) {}

  async mine(user: AuthenticatedUser, extra: object = {}): Promise<object> {
    const [memberships, grants, organisations] = await Promise.all([this.memberships.mine(user.id), this.organisations.grantsOf(user.id), this.organisations.list()]);
    const acting = [...new Map(grants.map((g) => [g.organisationId, { id: g.organisationId, name: g.organisationName }])).values()];
    const approver = user.role === 'admin' || grants.some((g) => g.grant === 'accreditor');
    return { title: 'org.mine.title', memberships, acting, approver, organisations, form: {}, ...extra };
  }

  async claim(user: AuthenticatedUser, form: Form): Promise<PageResult> {
    const { value, errors } = await validateForm(ClaimMembershipDto, form);
    const fail = async (fieldErrors: Record<string, string>, status = 400): Promise<PageResult> => ({
      view: 'pages/org/mine', status, data: await this.mine(user, { form, errors: fieldErrors, errorList: Object.entries(fieldErrors).map(([field, message]) => ({ field, message })) }),
    });
    if (errors) return fail(errors);
    try {
      await this.memberships.claim(user.id, value);
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.Conflict) return fail({ barNumber: 'org.claim.taken' }, 409);
      if (err instanceof DomainError && err.code === ErrorCode.ValidationFailed) return fail({ [String(err.details?.['field'] ?? 'barNumber')]: `form.invalid.${String(err.details?.['field'] ?? 'barNumber')}` });
      throw err;
    }
    return { redirect: '/organisations?claimed=1' };
  }

  private clerk(user: AuthenticatedUser, id: string): Promise<OrganisationActor> {
    return this.access.require({ user }, id, 'clerk');
  }

  /** The clerk's console: roster, claims to decide, compliance in a cycle with filters, bulk verification. */
  async console(user: AuthenticatedUser, id: string, query: Form, extra: object = {}): Promise<object> {
    const actor = await this.clerk(user, id);
    const status = STATUSES.includes(str(query, 'status') as ComplianceStatus) ? (str(query, 'status') as ComplianceStatus) : undefined;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(str(query, 'day')) ? str(query, 'day') : undefined;
    const [pending, report] = await Promise.all([
      this.memberships.claims(actor, 'pending'),
      this.compliance.report(actor, { status, day, q: str(query, 'q') || undefined, limit: 200 }),
    ]);
    const filter = new URLSearchParams({ ...(status ? { status } : {}), ...(day ? { day } : {}), ...(str(query, 'q') ? { q: str(query, 'q') } : {}) }).toString();
    return {
      title: actor.organisation.name, organisation: actor.organisation, pending, report, filter,
      statuses: STATUSES.map((s) => ({ value: s, selected: s === status })), query: { q: str(query, 'q'), day: day ?? '' }, ...extra,
    };
  }

  async uploadRoster(user: AuthenticatedUser, id: string, file: Upload): Promise<PageResult> {
    if (!file || file.size === 0) return { view: 'pages/org/console', status: 400, data: await this.console(user, id, {}, { errors: { roster: 'org.roster.empty' } }) };
    const result = await this.roster.upload(await this.clerk(user, id), file.buffer);
    return { view: 'pages/org/console', data: await this.console(user, id, {}, { rosterResult: result }) };
  }

  async decide(user: AuthenticatedUser, id: string, membershipId: string, form: Form): Promise<PageResult> {
    const decision = str(form, 'decision') === 'approve' ? 'approve' : 'reject';
    const reason = str(form, 'reason').slice(0, 500) || undefined;
    if (decision === 'reject' && !reason) return { view: 'pages/org/console', status: 400, data: await this.console(user, id, {}, { errors: { [`reason-${membershipId}`]: 'org.claims.reasonRequired' } }) };
    await this.memberships.decide(await this.clerk(user, id), membershipId, { decision, reason });
    return { redirect: `/organisations/${id}?decided=1` };
  }

  async exportFile(user: AuthenticatedUser, id: string, query: Form): Promise<{ report: Awaited<ReturnType<ComplianceService['report']>>; format: 'csv' | 'xlsx' }> {
    const status = STATUSES.includes(str(query, 'status') as ComplianceStatus) ? (str(query, 'status') as ComplianceStatus) : undefined;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(str(query, 'day')) ? str(query, 'day') : undefined;
    const report = await this.compliance.report(await this.clerk(user, id), { status, day, q: str(query, 'q') || undefined });
    return { report, format: str(query, 'format') === 'xlsx' ? 'xlsx' : 'csv' };
  }

  /** Codes from an uploaded file or the text box, one per line (or separated by commas, semicolons, spaces). */
  async bulkVerify(user: AuthenticatedUser, id: string, form: Form, file: Upload): Promise<PageResult> {
    await this.clerk(user, id);
    const text = [file?.buffer.toString('utf8') ?? '', str(form, 'codes')].join('\n').replace(/^\uFEFF/, '');
    const codes = text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean).slice(0, 1000);
    if (!codes.length) return { view: 'pages/org/console', status: 400, data: await this.console(user, id, {}, { errors: { codes: 'org.bulk.empty' } }) };
    const { results } = await this.verification.batch(codes);
    return { view: 'pages/org/console', data: await this.console(user, id, {}, { bulk: results }) };
  }

  async approvalsPage(user: AuthenticatedUser, extra: object = {}): Promise<object> {
    const pending: PendingVersionResponse[] = await this.approvals.pending(user.id);
    return { title: 'org.approvals.title', pending, ...extra };
  }

  async approve(user: AuthenticatedUser, versionId: string): Promise<PageResult> {
    const r = await this.issuer.approve(user.id, versionId);
    return { redirect: `/staff/approvals?approved=${encodeURIComponent(r.courseSlug)}&issued=${r.certificatesIssued}` };
  }

  async adminPage(extra: object = {}): Promise<object> {
    return { title: 'org.admin.title', organisations: await this.organisations.list(), form: {}, ...extra };
  }

  async createOrganisation(form: Form): Promise<PageResult> {
    const { value, errors } = await validateForm(CreateOrganisationDto, form);
    if (errors) return { view: 'pages/org/admin', status: 400, data: await this.adminPage({ form, errors, errorList: Object.keys(errors).map((field) => ({ field, message: `form.invalid.${field}` })) }) };
    await this.organisations.create(value);
    return { redirect: '/admin/organisations?created=1' };
  }

  async grant(id: string, form: Form): Promise<PageResult> {
    const grant = str(form, 'grant') === 'accreditor' ? 'accreditor' : 'clerk';
    const found = await this.users.findCredentials(str(form, 'email').toLowerCase());
    if (!found) return { view: 'pages/org/admin', status: 400, data: await this.adminPage({ errors: { [`email-${id}`]: 'org.admin.noSuchUser' } }) };
    await this.organisations.grant(id, { userId: found.id, grant });
    return { redirect: '/admin/organisations?granted=1' };
  }
}

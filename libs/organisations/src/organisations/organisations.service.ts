import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { CreatedVerifierResponse, CreateVerifierDto, UsersService, VerifiersService } from '@themis/identity';
import { OrganisationActor } from '../access/organisation-access';
import { AuditTrail } from '../audit-trail';
import { normaliseBarNumber } from '../members/bar-number.rules';
import { CleRules, EXAMPLE_CLE_RULES, ruleProblems } from '../rules/cle.rules';
import { CreateOrganisationDto, ExemptionDto, GrantDto, OrganisationResponse } from './organisations.dto';
import { OrganisationRepository } from './organisation.repository';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Organisations, the grants within them, their keys and their CLE rules. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly verifiers: VerifiersService,
    private readonly users: UsersService,
    private readonly audit: AuditTrail,
  ) {}

  async create(dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return this.organisations.insert(dto.name, dto.timeZone ?? 'Asia/Baku');
  }

  list(): Promise<OrganisationResponse[]> {
    return this.organisations.list();
  }

  async get(id: string): Promise<OrganisationResponse> {
    const row = await this.organisations.find(id);
    if (!row) throw notFound('Organisation');
    return row;
  }

  async grant(organisationId: string, dto: GrantDto): Promise<{ organisationId: string; userId: string; grant: string }> {
    await this.get(organisationId);
    await this.users.findById(dto.userId);
    await this.organisations.grant(organisationId, dto.userId, dto.grant);
    return { organisationId, userId: dto.userId, grant: dto.grant };
  }

  grantsOf(userId: string) {
    return this.organisations.grantsOf(userId);
  }

  /** A verifier key, acting for an organisation when it names one (400 naming the field for an unknown one). */
  async createVerifier(dto: CreateVerifierDto): Promise<CreatedVerifierResponse> {
    if (dto.organisationId && !(await this.organisations.find(dto.organisationId))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'organisationId names no organisation', { field: 'organisationId' });
    }
    return this.verifiers.create(dto);
  }

  /** The organisation's rules, or the example set (flagged `example: true`) until it saves its own. */
  async rules(organisationId: string): Promise<CleRules> {
    await this.get(organisationId);
    return (await this.organisations.rules(organisationId)) ?? EXAMPLE_CLE_RULES;
  }

  async saveRules(actor: OrganisationActor, rules: unknown): Promise<CleRules> {
    const problems = ruleProblems(rules);
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '), { problems, field: 'rules' });
    const r = rules as CleRules;
    const clean: CleRules = { example: r.example === true, label: r.label, cycle: r.cycle, required: r.required, carryOver: r.carryOver, newlyAdmitted: r.newlyAdmitted ?? null };
    await this.organisations.saveRules(actor.organisation.id, clean);
    await this.audit.record(undefined, { actor: actor.actor, action: 'cle_rules.save', subject: actor.organisation.id, details: { rules: clean } });
    return clean;
  }

  async addExemption(actor: OrganisationActor, dto: ExemptionDto): Promise<{ id: string }> {
    const key = normaliseBarNumber(dto.barNumber);
    if (!key) throw new DomainError(ErrorCode.ValidationFailed, 'barNumber may hold only letters, digits, spaces, "-", "/" and "."', { field: 'barNumber' });
    for (const field of ['fromDay', 'toDay'] as const) {
      if (!DAY.test(dto[field]) || Number.isNaN(Date.parse(dto[field]))) throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a date as YYYY-MM-DD`, { field });
    }
    if (dto.fromDay > dto.toDay) throw new DomainError(ErrorCode.ValidationFailed, 'fromDay must not be after toDay', { field: 'toDay' });
    const id = await this.organisations.addExemption({ organisationId: actor.organisation.id, barNumberKey: key, reason: dto.reason, fromDay: dto.fromDay, toDay: dto.toDay, createdBy: actor.actor });
    await this.audit.record(undefined, { actor: actor.actor, action: 'cle_exemption.create', subject: id, details: { organisationId: actor.organisation.id, barNumber: dto.barNumber, reason: dto.reason, fromDay: dto.fromDay, toDay: dto.toDay } });
    return { id };
  }
}

import * as crypto from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { notFound } from '@themis/core';
import { preparedQuery } from '@themis/database';
import { AuthenticatedVerifier } from '../auth/decorators';
import { CreatedVerifierResponse, CreateVerifierDto, VerifierResponse } from '../dto/verifier.dto';
import { Verifier } from '../entities/verifier.entity';

const hashKey = (key: string) => crypto.createHash('sha256').update(key, 'utf8').digest('hex');

@Injectable()
export class VerifiersService {
  constructor(@InjectRepository(Verifier) private readonly verifiers: Repository<Verifier>) {}

  async create(dto: CreateVerifierDto): Promise<CreatedVerifierResponse> {
    const apiKey = `thv_${crypto.randomBytes(32).toString('base64url')}`;
    const saved = await this.verifiers.save(this.verifiers.create({ name: dto.name, organisationId: dto.organisationId ?? null, keyHash: hashKey(apiKey), keyPrefix: apiKey.slice(0, 12) }));
    return { id: saved.id, name: saved.name, organisationId: saved.organisationId, apiKey };
  }

  async list(): Promise<VerifierResponse[]> {
    const rows = await this.verifiers.find({ order: { createdAt: 'DESC' } });
    return rows.map(VerifiersService.toResponse);
  }

  async revoke(id: string): Promise<VerifierResponse> {
    const result = await this.verifiers.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    const row = await this.verifiers.findOneBy({ id });
    if (!row || (!result.affected && !row.revokedAt)) throw notFound('Verifier');
    return VerifiersService.toResponse(row);
  }

  async authenticate(apiKey: string | undefined): Promise<AuthenticatedVerifier | null> {
    if (!apiKey || apiKey.length > 200) return null;
    // Every verifier call starts here: one prepared statement, not a query builder per call.
    const [row] = await preparedQuery<AuthenticatedVerifier>(
      this.verifiers.manager.connection,
      'verifier-by-key',
      'SELECT id, name, organisation_id AS "organisationId" FROM verifiers WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashKey(apiKey)],
    );
    return row ? { id: row.id, name: row.name, organisationId: row.organisationId ?? null } : null;
  }

  private static toResponse(v: Verifier): VerifierResponse {
    return { id: v.id, name: v.name, keyPrefix: v.keyPrefix, organisationId: v.organisationId, createdAt: v.createdAt.toISOString(), revokedAt: v.revokedAt?.toISOString() ?? null };
  }
}

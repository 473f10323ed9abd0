import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export type AuditWriter = (manager: EntityManager | undefined, entry: AuditEntry) => Promise<void>;

/**
 * The audit log belongs to certification, above this lib; it registers its writer here on start
 * (as it does with learning's completion hooks), so a membership change and its entry commit together.
 */
@Injectable()
export class AuditTrail {
  private writer: AuditWriter | null = null;

  register(writer: AuditWriter): void {
    this.writer = writer;
  }

  async record(manager: EntityManager | undefined, entry: AuditEntry): Promise<void> {
    if (!this.writer) throw new Error('no audit writer registered: CertificationModule registers it on start');
    await this.writer(manager, entry);
  }
}

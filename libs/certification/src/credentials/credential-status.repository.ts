import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface RevokedEntry {
  code: string;
  revokedAt: Date;
  revocationReason: string | null;
}

/** The certificates table as the status lists read it: positions and revocations, nothing else. */
@Injectable()
export class CredentialStatusRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** With the issuing transaction's manager, the number of a certificate not yet committed. */
  async sequenceNumber(code: string, manager: EntityManager = this.db.manager): Promise<number | null> {
    const rows: { n: number }[] = await manager.query(`SELECT status_list_index AS n FROM certificates WHERE code = $1`, [code]);
    return rows.length ? rows[0].n : null;
  }

  async sequenceNumbers(codes: string[]): Promise<Map<string, number>> {
    const rows: { code: string; n: number }[] = await this.db.query(`SELECT code, status_list_index AS n FROM certificates WHERE code = ANY($1::varchar[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r.n]));
  }

  /** The highest number handed out so far, -1 before the first certificate. */
  async highestNumber(): Promise<number> {
    const [row]: { n: number | null }[] = await this.db.query(`SELECT max(status_list_index) AS n FROM certificates`);
    return row.n ?? -1;
  }

  /** Revoked certificates' numbers in [from, to): the committed state, so a revocation shows once its call has answered. */
  async revokedNumbers(from: number, to: number): Promise<number[]> {
    const rows: { n: number }[] = await this.db.query(
      `SELECT status_list_index AS n FROM certificates WHERE revoked_at IS NOT NULL AND status_list_index >= $1 AND status_list_index < $2`,
      [from, to],
    );
    return rows.map((r) => r.n);
  }

  async revoked(): Promise<RevokedEntry[]> {
    return this.db.query(`SELECT code, revoked_at AS "revokedAt", revocation_reason AS "revocationReason" FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at, code`);
  }
}

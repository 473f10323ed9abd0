import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateReturning } from '@themis/database';

export interface StoredOffer {
  id: string;
  certificateCode: string;
  expiresAt: Date;
  redeemedAt: Date | null;
}

/** The credential_offers table: offers by the hash of their pre-authorized code. */
@Injectable()
export class CredentialOfferRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(certificateId: string, codeSha256: string, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO credential_offers (certificate_id, code_sha256, expires_at) VALUES ($1, $2, $3)`, [certificateId, codeSha256, expiresAt]);
  }

  async findByCode(codeSha256: string): Promise<StoredOffer | null> {
    const rows: StoredOffer[] = await this.db.query(
      `SELECT o.id, c.code AS "certificateCode", o.expires_at AS "expiresAt", o.redeemed_at AS "redeemedAt"
         FROM credential_offers o JOIN certificates c ON c.id = o.certificate_id WHERE o.code_sha256 = $1`,
      [codeSha256],
    );
    return rows[0] ?? null;
  }

  /** Marks the offer used; false when it already was or has expired. The row lock of the UPDATE settles two racing token requests. */
  async redeem(id: string): Promise<boolean> {
    const rows = await updateReturning(this.db.manager, `UPDATE credential_offers SET redeemed_at = now() WHERE id = $1 AND redeemed_at IS NULL AND expires_at > now() RETURNING id`, [id]);
    return rows.length === 1;
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig, SecretBox, totpSecretBox } from '@themis/core';

/**
 * TOTP secrets at rest: `user_totp.secret` (base32 in the clear) becomes `secret_sealed`
 * (AES-256-GCM under KEYS_DIR/totp-secret-key or MFA_ENCRYPTION_KEY, bound to the user id).
 * Rows that exist are sealed here, in the migration's transaction; the key is read only
 * when there are rows, so a new database never needs it at migration time.
 */
export class SealTotpSecrets1796218684434 implements MigrationInterface {
  name = 'SealTotpSecrets1796218684434';

  /** The server's box; a test passes the box of the app it started. */
  protected secretBox(): SecretBox {
    return totpSecretBox(loadConfig());
  }

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_totp" ADD "secret_sealed" text`);
    const rows: { user_id: string; secret: string }[] = await queryRunner.query(`SELECT user_id, secret FROM "user_totp"`);
    if (rows.length > 0) {
      const box = this.secretBox();
      for (const r of rows) await queryRunner.query(`UPDATE "user_totp" SET secret_sealed = $2 WHERE user_id = $1`, [r.user_id, box.seal(r.secret, `user_totp:${r.user_id}`)]);
    }
    await queryRunner.query(`ALTER TABLE "user_totp" ALTER COLUMN "secret_sealed" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "user_totp" DROP COLUMN "secret"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_totp" ADD "secret" character varying(64)`);
    const rows: { user_id: string; secret_sealed: string }[] = await queryRunner.query(`SELECT user_id, secret_sealed FROM "user_totp"`);
    if (rows.length > 0) {
      const box = this.secretBox();
      for (const r of rows) await queryRunner.query(`UPDATE "user_totp" SET secret = $2 WHERE user_id = $1`, [r.user_id, box.open(r.secret_sealed, `user_totp:${r.user_id}`)]);
    }
    await queryRunner.query(`ALTER TABLE "user_totp" ALTER COLUMN "secret" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "user_totp" DROP COLUMN "secret_sealed"`);
  }
}

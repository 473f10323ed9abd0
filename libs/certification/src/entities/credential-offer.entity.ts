import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Certificate } from './certificate.entity';

/**
 * An OpenID4VCI credential offer of one certificate to its holder's wallet: the pre-authorized code is kept
 * only as its SHA-256, is short-lived (expires_at) and single-use (redeemed_at set once, by the token request).
 */
@Entity('credential_offers')
export class CredentialOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('credential_offers_certificate_id_idx')
  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId: string;

  @Index('credential_offers_code_sha256_key', { unique: true })
  @Column({ name: 'code_sha256', type: 'char', length: 64 })
  codeSha256: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'redeemed_at', type: 'timestamptz', nullable: true })
  redeemedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Certificate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'certificate_id' })
  certificateRef?: Certificate;
}

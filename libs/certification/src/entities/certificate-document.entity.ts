import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Certificate } from './certificate.entity';

/** A certificate's PDF in another language than the one rendered at issue: rendered on first request, then served as stored. */
@Entity('certificate_documents')
@Check('certificate_documents_language_check', `"language" IN ('en', 'az', 'ru')`)
export class CertificateDocument {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' })
  certificateId: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  language: string;

  @Column({ type: 'bytea', select: false })
  pdf: Buffer;

  @Index('certificate_documents_pdf_sha256_key', { unique: true })
  @Column({ name: 'pdf_sha256', type: 'char', length: 64 })
  pdfSha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Certificate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'certificate_id' })
  certificateRef?: Certificate;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@themis/identity';

/**
 * An issued certificate: a snapshot of what was certified (holder, course, hours), so a
 * later edit of a profile or a course never changes it, and the signed PDF's bytes, served
 * as they were issued. A superseded certificate (re-issued) points to its successor.
 */
@Entity('certificates')
// At most one live certificate per learner and course version: the database forbids a second.
@Index('certificates_user_version_live_key', ['userId', 'courseVersionId'], { unique: true, where: 'superseded_by IS NULL' })
@Check('certificates_profession_check', `"profession" IN ('defense_attorney', 'prosecutor', 'judge', 'other')`)
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('certificates_code_key', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Index('certificates_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  userRef?: User;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @Column({ name: 'course_version_id', type: 'uuid' })
  courseVersionId: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 200 })
  holderName: string;

  @Column({ type: 'varchar', length: 32 })
  profession: string;

  @Column({ name: 'bar_number', type: 'varchar', length: 50, nullable: true })
  barNumber: string | null;

  @Column({ name: 'course_slug', type: 'varchar', length: 100 })
  courseSlug: string;

  @Column({ name: 'course_title', type: 'varchar', length: 200 })
  courseTitle: string;

  @Column({ name: 'course_version', type: 'int' })
  courseVersion: number;

  @Column({ name: 'cle_hours', type: 'numeric', precision: 6, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  cleHours: number;

  @Column({ name: 'cle_categories', type: 'jsonb' })
  cleCategories: Record<string, number>;

  /** When the learner earned the hours; a re-issued certificate keeps its predecessor's. */
  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt: Date;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'varchar', length: 200 })
  issuer: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason: string | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;

  /** The code of the certificate that replaced this one (re-issue after a name correction). */
  @Column({ name: 'superseded_by', type: 'varchar', length: 32, nullable: true })
  supersededBy: string | null;

  @Column({ name: 'replaces', type: 'varchar', length: 32, nullable: true })
  replaces: string | null;

  /** The language the course was taken in: `courseTitle` is certified in it. */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  language: string;

  /** The language of `pdf`, the holder's interface language at issue; others are in certificate_documents. */
  @Column({ name: 'pdf_language', type: 'varchar', length: 2, default: 'en' })
  pdfLanguage: string;

  /** The signed PDF exactly as issued; served as is, never re-rendered. Null while it waits for its timestamp (TSA down at issue). */
  @Column({ type: 'bytea', select: false, nullable: true })
  pdf: Buffer | null;

  @Index('certificates_pdf_sha256_key', { unique: true })
  @Column({ name: 'pdf_sha256', type: 'char', length: 64, nullable: true })
  pdfSha256: string | null;

  /** Position in the Bitstring Status List (credentials/status-list.ts), from a sequence: no counter row to queue on. */
  @Index('certificates_status_list_index_key', { unique: true })
  @Column({ name: 'status_list_index', type: 'int', insert: false, update: false, default: () => "nextval('certificate_status_list_index_seq')" })
  statusListIndex: number;
}

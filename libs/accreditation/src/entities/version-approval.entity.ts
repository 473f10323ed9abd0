import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The second person's approval of a course version that grants CLE hours: no row, no
 * certificate. `approved_by` is `user:<id>`, `operator` (files deployed in courses/) or `migration`.
 */
@Entity('version_approvals')
export class VersionApproval {
  @PrimaryColumn({ name: 'course_version_id', type: 'uuid' })
  courseVersionId: string;

  @Column({ name: 'approved_by', type: 'varchar', length: 100 })
  approvedBy: string;

  @Column({ name: 'approved_at', type: 'timestamptz', default: () => 'now()' })
  approvedAt: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

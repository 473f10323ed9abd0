import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who submitted a course version's evaluation (issue 21), and nothing of what they answered: the
 * answers are in evaluation_responses, with nothing that leads back here. The key makes it once
 * per learner and version, however many submissions race.
 */
@Entity('evaluation_submissions')
export class EvaluationSubmission {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'course_version_id', type: 'uuid' })
  @Index('evaluation_submissions_version_idx')
  courseVersionId: string;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;
}

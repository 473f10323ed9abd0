import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Answers by item id: a rating 1–5 or a free text. */
export type EvaluationAnswers = Record<string, number | string>;

/**
 * One anonymous evaluation response. No user, no enrolment, no time finer than the month it was
 * released in; the id is random (gen_random_uuid, no sequence). Responses wait in
 * evaluation_response_pool and are moved here in batches, in random order, so the order of rows
 * here says nothing about the order of evaluation_submissions (see EvaluationRepository.submit).
 */
@Entity('evaluation_responses')
@Index('evaluation_responses_version_idx', ['courseVersionId'])
export class EvaluationResponse {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ name: 'course_version_id', type: 'uuid' })
  courseVersionId: string;

  /** The first day of the month the response was released in. */
  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'jsonb' })
  answers: EvaluationAnswers;
}

/** Responses not yet released: as anonymous as the released ones (no user, no time), held until a batch is full. */
@Entity('evaluation_response_pool')
@Index('evaluation_response_pool_version_idx', ['courseVersionId'])
export class EvaluationPooledResponse {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ name: 'course_version_id', type: 'uuid' })
  courseVersionId: string;

  @Column({ type: 'jsonb' })
  answers: EvaluationAnswers;
}

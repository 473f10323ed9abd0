import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { CatalogService } from '@themis/catalog';
import { DomainError, ErrorCode } from '@themis/core';
import { inTransaction, updateReturning } from '@themis/database';
import { ProgressService } from '@themis/learning';
import { AttemptDeadlines } from './attempt-deadlines';

export class GrantDto {
  @IsUUID('all', { message: 'userId must be a learner id' })
  userId: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10)
  extraAttempts?: number;

  /** Added to the learner's open timed attempt. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(600)
  extraMinutes?: number;

  @IsString() @MinLength(3, { message: 'reason must say why (at least 3 characters)' }) @MaxLength(500)
  reason: string;
}

export interface GrantResponse {
  id: string;
  userId: string;
  courseSlug: string;
  quizSlug: string;
  extraAttempts: number;
  extraMinutes: number;
  attemptId: string | null;
  expiresAt: string | null;
  reason: string;
  grantedAt: string;
}

/** A trainer or admin gives a learner another attempt or more time, with a reason (the route is audited). */
@Injectable()
export class GrantService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly progress: ProgressService,
    private readonly deadlines: AttemptDeadlines,
  ) {}

  grant(grantedBy: string, courseSlug: string, quizSlug: string, dto: GrantDto): Promise<GrantResponse> {
    const extraAttempts = dto.extraAttempts ?? 0;
    const extraMinutes = dto.extraMinutes ?? 0;
    if (extraAttempts === 0 && extraMinutes === 0) throw new DomainError(ErrorCode.ValidationFailed, 'extraAttempts or extraMinutes must be given', { field: 'extraAttempts' });
    return inTransaction(this.db, async (manager) => {
      const enrollment = await this.progress.requireLocked(manager, dto.userId, courseSlug);
      const quiz = await this.catalog.quizBySlug(enrollment.versionId, quizSlug);
      let attempt: { id: string; expires_at: Date } | undefined;
      if (extraMinutes > 0) {
        [attempt] = await updateReturning<{ id: string; expires_at: Date }>(
          manager,
          `UPDATE quiz_attempts SET expires_at = expires_at + make_interval(mins => $3)
            WHERE id = (SELECT id FROM quiz_attempts WHERE enrollment_id = $1 AND quiz_id = $2 AND submitted_at IS NULL AND expires_at IS NOT NULL ORDER BY number DESC LIMIT 1)
           RETURNING id, expires_at`,
          [enrollment.id, quiz.id, extraMinutes],
        );
        if (!attempt) throw new DomainError(ErrorCode.Conflict, 'extraMinutes: the learner has no open timed attempt on this quiz', { field: 'extraMinutes' });
        // The job for the old limit finds the attempt not yet due and does nothing; this one grades it.
        await this.deadlines.schedule(manager, { id: attempt.id, userId: dto.userId, expiresAt: attempt.expires_at });
      }
      const [row] = await manager.query(
        `INSERT INTO quiz_grants (enrollment_id, quiz_id, extra_attempts, extra_seconds, attempt_id, reason, granted_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, granted_at`,
        [enrollment.id, quiz.id, extraAttempts, extraMinutes * 60, attempt?.id ?? null, dto.reason.trim(), grantedBy],
      );
      return {
        id: row.id, userId: dto.userId, courseSlug, quizSlug, extraAttempts, extraMinutes,
        attemptId: attempt?.id ?? null, expiresAt: attempt ? new Date(attempt.expires_at).toISOString() : null,
        reason: dto.reason.trim(), grantedAt: new Date(row.granted_at).toISOString(),
      };
    });
  }
}

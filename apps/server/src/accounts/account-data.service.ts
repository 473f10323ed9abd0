import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttemptRecords } from '@themis/assessment';
import { CertificatesService } from '@themis/certification';
import { inTransaction } from '@themis/database';
import { AccountClosureService, MfaService, SessionService, UsersService } from '@themis/identity';
import { EnrollmentRepository, ProgressService } from '@themis/learning';
import { MembershipsService } from '@themis/organisations';

/**
 * A learner's own data (GDPR Art. 15 and 20: access and portability; Art. 17: erasure, with the
 * Art. 17(3)(b) exception for records kept under a legal obligation — issued CLE certificates).
 * Each lib does its own part through what it exports; closing runs every part in one transaction.
 */
@Injectable()
export class AccountDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly closure: AccountClosureService,
    private readonly enrollments: EnrollmentRepository,
    private readonly progress: ProgressService,
    private readonly attempts: AttemptRecords,
    private readonly certificates: CertificatesService,
    private readonly memberships: MembershipsService,
  ) {}

  /** Everything Themis holds about the signed-in person, as one JSON document. */
  async export(userId: string): Promise<object> {
    const account = await this.users.findById(userId);
    const enrolments = await this.enrollments.listForUser(userId);
    return {
      exportedAt: new Date().toISOString(),
      account,
      security: { mfaEnabled: account.mfaEnabled, recoveryCodesLeft: account.mfaEnabled ? await this.mfa.remainingRecoveryCodes(userId) : 0, sessions: await this.sessions.listForUser(userId) },
      enrolments: await Promise.all(
        enrolments.map(async (e) => ({
          courseSlug: e.courseSlug,
          enrolledAt: e.enrolledAt.toISOString(),
          completedAt: e.completedAt?.toISOString() ?? null,
          certificateCode: e.certificateCode,
          completedLessons: await this.enrollments.completedLessonSlugs(userId, e.id),
        })),
      ),
      memberships: await this.memberships.mine(userId),
      progress: await this.progress.listForUser(userId),
      quizAttempts: await this.attempts.listForUser(userId),
      certificates: await this.certificates.listForUser(userId),
    };
  }

  /**
   * Closes the account: sessions end; contact data, the progress and attempts of unfinished
   * courses, memberships and organisation grants go; the email is released; certificates stay verifiable with their certified facts.
   */
  async close(userId: string, currentPassword: string, ip: string): Promise<void> {
    await this.closure.assertPassword(userId, currentPassword, ip);
    await inTransaction(this.db, async (m) => {
      const unfinished = await this.enrollments.unfinishedIds(m, userId);
      await this.attempts.deleteForEnrollments(m, userId, unfinished);
      await this.enrollments.deleteUnfinished(m, userId, unfinished);
      await this.memberships.forgetUser(m, userId);
      await this.closure.close(m, userId);
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogService, QuizContent } from '@themis/catalog';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { UsersService } from '@themis/identity';
import { MailQueue } from '@themis/mail';

/**
 * Tells a learner who failed the last allowed attempt at a quiz that none are left, and whom to
 * ask (MAIL_CONTACT, else the admin address, else "an administrator"). Queued in the grading
 * transaction; the event is that last attempt, so it is told once.
 */
@Injectable()
export class AttemptsNotifier {
  constructor(
    private readonly mail: MailQueue,
    private readonly users: UsersService,
    private readonly catalog: CatalogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async usedUp(manager: EntityManager, attempt: { userId: string; enrollmentId: string; attemptId: string }, quiz: QuizContent): Promise<void> {
    const { userId, attemptId } = attempt;
    // A learner who passed before (and tried again) has not run out of anything.
    const [{ passed }] = await manager.query(`SELECT coalesce(bool_or(passed), false) AS passed FROM quiz_attempts WHERE enrollment_id = $1 AND quiz_id = $2`, [attempt.enrollmentId, quiz.id]);
    if (passed) return;
    const [user, course] = await Promise.all([this.users.findById(userId), this.catalog.versionContent(quiz.versionId)]);
    await this.mail.enqueue(
      {
        eventKey: `attempts-used-up:${attemptId}`,
        to: user.email,
        locale: user.locale,
        template: 'attempts-used-up',
        params: { name: user.fullName, courseTitle: course.title, quizTitle: quiz.title, ...(this.config.mail.contact ? { contact: this.config.mail.contact } : {}) },
        links: { link: `/courses/${course.slug}` },
      },
      manager,
    );
  }
}

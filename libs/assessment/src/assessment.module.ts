import { Module } from '@nestjs/common';
import { IdentityModule } from '@themis/identity';
import { LearningModule } from '@themis/learning';
import { AttemptsNotifier } from './attempts/attempts-notifier';
import { AnswerKeyService } from './attempts/answer-key.service';
import { AttemptRecords } from './attempts/attempt-records';
import { AttemptRepository } from './attempts/attempt.repository';
import { AttemptService } from './attempts/attempt.service';
import { SubmissionService } from './attempts/submission.service';
import { AttemptDeadlines } from './attempts/attempt-deadlines';
import { GrantService } from './attempts/grant.service';
import { ReportRepository } from './reports/report.repository';
import { ReportTallies } from './reports/report-tallies';
import { ReportService } from './reports/report.service';

@Module({
  imports: [LearningModule, IdentityModule],
  providers: [AttemptService, SubmissionService, AttemptRepository, AttemptDeadlines, GrantService, AnswerKeyService, ReportRepository, ReportService, ReportTallies, AttemptsNotifier, AttemptRecords],
  exports: [AttemptService, SubmissionService, AttemptDeadlines, GrantService, AnswerKeyService, ReportService, AttemptRecords],
})
export class AssessmentModule {}

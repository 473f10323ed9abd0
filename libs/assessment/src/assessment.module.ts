import { Module } from '@nestjs/common';
import { LearningModule } from '@themis/learning';
import { AnswerKeyService } from './attempts/answer-key.service';
import { AttemptRepository } from './attempts/attempt.repository';
import { AttemptService } from './attempts/attempt.service';
import { SubmissionService } from './attempts/submission.service';
import { ExpiredAttemptsJob } from './attempts/expired-attempts.job';
import { GrantService } from './attempts/grant.service';
import { ReportRepository } from './reports/report.repository';
import { ReportTallies } from './reports/report-tallies';
import { ReportService } from './reports/report.service';

@Module({ imports: [LearningModule], providers: [AttemptService, SubmissionService, AttemptRepository, ExpiredAttemptsJob, GrantService, AnswerKeyService, ReportRepository, ReportService, ReportTallies], exports: [AttemptService, SubmissionService, ExpiredAttemptsJob, GrantService, AnswerKeyService, ReportService] })
export class AssessmentModule {}

import { Module } from '@nestjs/common';
import { LearningModule } from '@themis/learning';
import { AnswerKeyService } from './attempts/answer-key.service';
import { AttemptRecords } from './attempts/attempt-records';
import { AttemptService } from './attempts/attempt.service';
import { ReportRepository } from './reports/report.repository';
import { ReportTallies } from './reports/report-tallies';
import { ReportService } from './reports/report.service';

@Module({ imports: [LearningModule], providers: [AttemptService, AnswerKeyService, ReportRepository, ReportService, ReportTallies, AttemptRecords], exports: [AttemptService, AnswerKeyService, ReportService, AttemptRecords] })
export class AssessmentModule {}

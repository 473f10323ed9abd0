import { Module } from '@nestjs/common';
import { LearningModule } from '@themis/learning';
import { AnswerKeyService } from './attempts/answer-key.service';
import { AttemptService } from './attempts/attempt.service';

@Module({ imports: [LearningModule], providers: [AttemptService, AnswerKeyService], exports: [AttemptService, AnswerKeyService] })
export class AssessmentModule {}

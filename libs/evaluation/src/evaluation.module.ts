import { Module } from '@nestjs/common';
import { AccreditationModule } from '@themis/accreditation';
import { LearningModule } from '@themis/learning';
import { EvaluationRepository } from './evaluation.repository';
import { EvaluationService } from './evaluation.service';

@Module({
  imports: [LearningModule, AccreditationModule],
  providers: [EvaluationRepository, EvaluationService],
  exports: [EvaluationService],
})
export class EvaluationModule {}

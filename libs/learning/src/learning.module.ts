import { Module } from '@nestjs/common';
import { CatalogModule } from '@themis/catalog';
import { IdentityModule } from '@themis/identity';
import { EnrollmentRepository } from './enrollments/enrollment.repository';
import { LearningService } from './enrollments/learning.service';
import { CompletionRequirements } from './progress/completion-requirements';
import { CourseCompletionHooks } from './progress/course-completion-hooks';
import { LessonTimer } from './progress/lesson-timer';
import { ProgressService } from './progress/progress.service';

@Module({
  imports: [CatalogModule, IdentityModule],
  providers: [EnrollmentRepository, ProgressService, LearningService, CourseCompletionHooks, CompletionRequirements, LessonTimer],
  exports: [EnrollmentRepository, ProgressService, LearningService, CourseCompletionHooks, CompletionRequirements, CatalogModule],
})
export class LearningModule {}

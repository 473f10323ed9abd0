export * from './assessment.module';
export * from './attempts/answer-key.service';
export * from './attempts/attempt.service';
export * from './dto/submit-attempt.dto';
export * from './entities/quiz-attempt.entity';
export * from './grading/grading';

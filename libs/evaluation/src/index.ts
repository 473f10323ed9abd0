export * from './entities/evaluation-response.entity';
export * from './entities/evaluation-submission.entity';
export * from './evaluation.module';
export * from './evaluation.rules';
export * from './evaluation.service';

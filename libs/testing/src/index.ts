export * from './learner-path';
export * from './test-app';
export * from './test-database';
export * from './organisation-path';

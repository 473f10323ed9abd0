export * from './learner-path';
export * from './test-app';
export * from './test-database';
export * from './smtp-sink';
export * from './organisation-path';
export * from './medium-module';

export * from './learner-path';
export * from './test-app';
export * from './test-database';
export * from './smtp-sink';
export * from './organisation-path';
export * from './totp-code';
export * from './test-pki';
export * from './medium-module';

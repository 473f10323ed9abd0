export * from './data-source-options';
export * from './database-connection';
export * from './embedded-postgres.launcher';
export * from './transaction';
export * from './prepared-query';

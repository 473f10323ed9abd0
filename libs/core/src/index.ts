export * from './config/app-config';
export * from './config/config.module';
export * from './errors/domain-error';
export * from './paths';
export * from './secret-file';
export * from './text';
export * from './secret-box';
export * from './validation/bar-number.validator';

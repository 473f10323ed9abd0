/**
 * Chaos tests (`npm run test:chaos`): the compiled server as a child process, killed with SIGKILL
 * mid-burst, and its PostgreSQL stopped under load. Slow and process-heavy, so not part of `npm test`;
 * .ci/run runs both.
 */
module.exports = {
  maxWorkers: 1,
  testTimeout: 300000,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@themis/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
};

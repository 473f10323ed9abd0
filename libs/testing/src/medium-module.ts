import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssessmentModule } from '@themis/assessment';
import { ApprovalIssuer, CertificationModule } from '@themis/certification';
import { CatalogModule, CourseImporter } from '@themis/catalog';
import { AppConfig, ConfigModule, loadConfig } from '@themis/core';
import { dataSourceOptions } from '@themis/database';
import { IdentityModule, UsersService } from '@themis/identity';
import { JobsModule } from '@themis/jobs';
import { LearningModule } from '@themis/learning';
import { MailModule } from '@themis/mail';
import { HandlebarsMailRenderer } from '../../../apps/server/src/web/mail-renderer';
import { FIXTURE_COURSES, TEST_PASSWORD, uniqueEmail } from './test-app';
import { createTestDatabase } from './test-database';

export interface MediumModule {
  module: TestingModule;
  db: DataSource;
  config: AppConfig;
  /** A provider of any of the domain modules, exported or not (e.g. CertificateIssuer). */
  get<T>(type: Type<T>): T;
  /** A user created through UsersService, as an admin would create one. */
  user(role?: 'learner' | 'trainer' | 'admin'): Promise<{ id: string; fullName: string }>;
  close(): Promise<void>;
}

/**
 * The middle tier of tests (issue 13, item 11): the domain libs' services on their own copy of
 * the migrated template database, with the fixture courses imported, and no HTTP server, no
 * controllers, no guards. Real TypeORM, real transactions and row locks, real constraints.
 */
export async function createMediumModule(): Promise<MediumModule> {
  const databaseUrl = await createTestDatabase();
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-keys-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-data-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl, KEYS_DIR: keysDir, DATA_DIR: dataDir, COURSES_DIR: FIXTURE_COURSES,
    LOG_LEVEL: 'silent', NODE_ENV: 'test', DATABASE_CONNECT_TIMEOUT_MS: '30000',
  });
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, {}, config.databaseConnectTimeoutMs), migrationsRun: false, retryAttempts: 0 }),
      JobsModule,
      MailModule.forRoot({ renderer: HandlebarsMailRenderer }),
      IdentityModule, CatalogModule, LearningModule, AssessmentModule, CertificationModule,
    ],
  })
    .setLogger({ log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined })
    .compile();
  await module.init();
  // As seedOnStart: the fixture courses, approved as deployed files are.
  const report = await module.get(CourseImporter).importFolder(FIXTURE_COURSES);
  await module.get(ApprovalIssuer).approveDeployed(report.outcomes.filter((o) => !o.filesMatchVersion));
  return {
    module,
    db: module.get(DataSource),
    config,
    get: <T>(type: Type<T>) => module.get(type, { strict: false }),
    async user(role = 'learner') {
      const u = await module.get(UsersService).createByAdmin({ email: uniqueEmail(role), password: TEST_PASSWORD, fullName: 'Medium Tester', role, profession: 'defense_attorney' });
      return { id: u.id, fullName: u.fullName };
    },
    async close() {
      await module.close();
      fs.rmSync(keysDir, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

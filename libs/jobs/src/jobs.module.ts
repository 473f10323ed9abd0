import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** The one job queue of the process, injectable everywhere (it needs the app's TypeORM DataSource and APP_CONFIG). */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}

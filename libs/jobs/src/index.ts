/**
 * @themis/jobs — background work on PostgreSQL (pg-boss 10), for every lib.
 *
 *   JobsModule                    global; import once in the app module (after TypeOrmModule).
 *   JobQueue.send(queue, data, options?, manager?) → Promise<string | null>
 *       options: { key?, startAfter?, retryLimit?, retryDelaySeconds?, retryBackoff?, expireInSeconds? }
 *       `manager`: an EntityManager of the caller's transaction; the job is committed with it.
 *       `key`: idempotency; a repeat with the same key (same queue) answers null and adds nothing.
 *   JobQueue.work(queue, async (data, { id, name }) => …, { concurrency? })
 *       register in a module's constructor or onModuleInit; a throw fails the job (retried as sent).
 *   JobQueue.schedule(queue, cron, data?)  cron in UTC, fired once per tick across processes.
 *   jobIdFor(queue, key)          the job id `key` maps to.
 *
 * Delivery is at least once: a handler must tolerate running again after a crash.
 */
export * from './job-id';
export * from './job-queue';
export * from './jobs.module';

import cluster, { Worker } from 'node:cluster';
import { AppConfig } from '@themis/core';
import { createApp, prepareDatabase, seedOnStart, startPlatform } from './platform';

/**
 * WEB_CONCURRENCY=N: one primary and N workers sharing the port (node:cluster round-robin).
 *
 * The primary does the once-only start-up work — embedded PostgreSQL (when DATABASE_URL is
 * unset), migrations, course import, admin account — then forks the workers with the database
 * URL. Workers only serve requests: they keep nothing another process needs (sessions are
 * signed tokens; rate limits, locks and certificates live in PostgreSQL). On SIGINT/SIGTERM
 * the primary stops the workers, waits for them to exit, then stops the embedded database.
 */
export async function runPrimary(config: AppConfig, workers: number, onReady: (url: string) => void): Promise<void> {
  const { url: databaseUrl, embedded } = await prepareDatabase(config);
  try {
    const app = await createApp(config, databaseUrl);
    await app.init();
    await seedOnStart(app, config);
    await app.close();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }

  let stopping = false;
  const alive = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork({ DATABASE_URL: databaseUrl, THEMIS_CLUSTER_WORKER: '1' });
    alive.add(worker);
    worker.once('exit', (code, signal) => {
      alive.delete(worker);
      if (stopping) return;
      console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      setTimeout(fork, 1000);
    });
    return worker;
  };

  const url = await new Promise<string>((resolve, reject) => {
    let ready = 0;
    let address = '';
    for (let i = 0; i < workers; i++) {
      const worker = fork();
      worker.on('message', (m: { type?: string; url?: string; error?: string }) => {
        if (m?.type === 'ready' && ++ready === workers) resolve(address || m.url!);
        if (m?.type === 'ready') address = m.url!;
        if (m?.type === 'failed') reject(new Error(m.error));
      });
    }
  }).catch(async (err: Error) => {
    stopping = true;
    for (const w of alive) w.kill('SIGTERM');
    await embedded?.stop();
    throw err;
  });
  onReady(url);

  const shutdown = async (signal: string) => {
    console.log(`${signal} received: stopping ${alive.size} worker(s) and the database`);
    stopping = true;
    await Promise.all(
      [...alive].map(
        (w) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
            w.once('exit', () => (clearTimeout(kill), resolve()));
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** A worker: the database is ready and seeded by the primary; it only listens. */
export async function runWorker(config: AppConfig): Promise<void> {
  try {
    const platform = await startPlatform(config, { seed: false });
    // SIGTERM/SIGINT: Nest's shutdown hooks (createApp) close the app and end the process.
    process.send?.({ type: 'ready', url: platform.url });
  } catch (err) {
    process.send?.({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}

export const isClusterWorker = () => cluster.isWorker && process.env.THEMIS_CLUSTER_WORKER === '1';

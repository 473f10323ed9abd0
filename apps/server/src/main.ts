import 'reflect-metadata';
import { ConfigError, loadConfig } from '@themis/core';
import { StartupError } from '@themis/database';
import { isClusterWorker, runPrimary, runWorker } from './cluster';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  const config = loadConfig();
  // WEB_CONCURRENCY > 1: a primary prepares the database once and forks workers (cluster.ts).
  if (isClusterWorker()) return runWorker(config);
  if (config.webConcurrency > 1) return runPrimary(config, config.webConcurrency, (url) => console.log(`Themis is ready at ${url} (${config.webConcurrency} workers)`));
  // This process stops the app and its database on a signal itself (below), so Nest does not listen too.
  const platform = await startPlatform(config, { shutdownHooks: false });
  console.log(`Themis is ready at ${platform.url}`);
  const shutdown = async (signal: string) => {
    console.log(`${signal} received: stopping Themis and its database`);
    await platform.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // Known start-up problems end with one sentence; anything else is a bug and keeps its stack.
  if (err instanceof ConfigError || err instanceof StartupError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});

import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '@themis/core';
import { StartupError } from '@themis/database';
import { PASSWORD_MESSAGES, passwordProblem } from '@themis/identity';
import { isClusterWorker, runPrimary, runWorker } from './cluster';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  const config = loadConfig();
  // WEB_CONCURRENCY > 1: a primary prepares the database once and forks workers (cluster.ts).
  if (isClusterWorker()) return runWorker(config);
  refuseWeakAdminPassword(config);
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

/**
 * The first admin's password follows the rule every account's password follows (README,
 * "Passwords"), checked before anything starts so that a refused one changes nothing.
 */
function refuseWeakAdminPassword(config: AppConfig): void {
  if (!config.admin) return;
  const problem = passwordProblem(config.admin.password, { email: config.admin.email });
  if (!problem) return;
  const why = problem === 'personal' ? 'must not contain the first part of ADMIN_EMAIL' : PASSWORD_MESSAGES[problem];
  throw new StartupError(`ADMIN_PASSWORD is refused: it ${why}; set a longer, less predictable passphrase and start again.`);
}

main().catch((err: unknown) => {
  // Known start-up problems end with one sentence; anything else is a bug and keeps its stack.
  if (err instanceof ConfigError || err instanceof StartupError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});

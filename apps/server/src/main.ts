import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '@themis/core';
import { StartupError } from '@themis/database';
import { PasswordProblem, passwordProblem } from '@themis/identity';
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

const ADMIN_PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  tooShort: 'is shorter than 12 characters',
  tooLong: 'is longer than 256 characters',
  controlCharacters: 'contains control characters',
  common: 'is one of the most common passwords',
  weak: 'is too easy to guess (repeats, sequences or keyboard patterns)',
  personal: 'contains the first part of ADMIN_EMAIL',
};

/**
 * The first admin's password follows the rule every account's password follows (README,
 * "Passwords"), checked before anything starts so that a refused one changes nothing.
 */
function refuseWeakAdminPassword(config: AppConfig): void {
  const problem = config.admin ? passwordProblem(config.admin.password, { email: config.admin.email }) : null;
  if (problem) throw new StartupError(`ADMIN_PASSWORD is refused: it ${ADMIN_PASSWORD_PROBLEMS[problem]}; set a longer, less predictable passphrase and start again.`);
}

main().catch((err: unknown) => {
  // Known start-up problems end with one sentence; anything else is a bug and keeps its stack.
  if (err instanceof ConfigError || err instanceof StartupError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});

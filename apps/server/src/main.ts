import 'reflect-metadata';
import { ConfigError, loadConfig } from '@themis/core';
import { StartupError } from '@themis/database';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  const config = loadConfig();
  const platform = await startPlatform(config);
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

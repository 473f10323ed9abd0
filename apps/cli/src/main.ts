import 'reflect-metadata';
import { ConfigError, loadConfig } from '@themis/core';
import { StartupError } from '@themis/database';
import { backup } from './commands/backup.command';
import { generateMigration } from './commands/generate-migration.command';
import { restore } from './commands/restore.command';
import { validateCourses } from './commands/validate-courses.command';

const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  'courses:validate': (args) => validateCourses(loadConfig(), args),
  'migration:generate': (args) => generateMigration(args),
  backup: (args) => backup(loadConfig(), args),
  restore: (args) => restore(loadConfig(), args),
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`usage: themis <${Object.keys(COMMANDS).join(' | ')}> [args]`);
    process.exit(2);
  }
  process.exit(await command(args));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof StartupError ? err.message : err);
  process.exit(1);
});

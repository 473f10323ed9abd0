import * as path from 'node:path';
import { readCatalog } from '@themis/catalog';
import { AppConfig } from '@themis/core';

/** `npm run courses:validate`: every problem as file:line: message; exit 1 if there is one. */
export function validateCourses(config: AppConfig, args: string[]): number {
  const dir = args[0] ? path.resolve(args[0]) : config.coursesDir;
  const { courses, problems } = readCatalog(dir);
  for (const p of problems) console.log(`${path.relative(process.cwd(), p.file) || p.file}:${p.line}: ${p.message}`);
  const lessons = courses.reduce((n, c) => n + c.modules.reduce((m, mod) => m + mod.lessons.length, 0), 0);
  const questions = courses.reduce((n, c) => n + c.modules.reduce((m, mod) => m + (mod.quiz?.questions.length ?? 0), 0), 0);
  console.error(`${courses.length} valid course(s), ${lessons} lessons, ${questions} questions; ${problems.length} problem(s)`);
  return problems.length > 0 ? 1 : 0;
}

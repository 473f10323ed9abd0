import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '@themis/core';

/** pg-boss starts with `migrate: false`: the installed version's schema must come from a migration. */
describe('pg-boss schema', () => {
  it('is installed by a migration for the schema version of the installed pg-boss', () => {
    const installed = (require('pg-boss/version.json') as { schema: number }).schema;
    const dir = path.join(projectRoot, 'migrations');
    const versions = fs
      .readdirSync(dir)
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/pg-boss schema version (\d+)/g)].map((m) => Number(m[1])));
    expect(Math.max(...versions)).toBe(installed);
  });
});

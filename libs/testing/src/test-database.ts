import * as crypto from 'node:crypto';
import { ensureDatabase } from '@themis/database';

/** A fresh, migrated database copied from the run's template: each e2e file owns its data. */
export async function createTestDatabase(): Promise<string> {
  const base = process.env.THEMIS_TEST_DATABASE_URL;
  const template = process.env.THEMIS_TEST_TEMPLATE;
  if (!base || !template) throw new Error('e2e tests run through jest with test/support/global-setup.js (npm test)');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  await ensureDatabase(admin.toString(), name, template);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

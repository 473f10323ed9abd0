// Starts one embedded PostgreSQL for the whole run and migrates a template database
// once; each e2e file then copies the template (CREATE DATABASE … TEMPLATE), which takes
// milliseconds. Jest's globalSetup runs outside the test module registry, so the
// TypeScript sources (and the migrations TypeORM loads by pattern) are compiled here by
// ts-node, with tsconfig-paths resolving the @themis/* aliases.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.join(__dirname, '..', '..');
  require('ts-node').register({ project: path.join(root, 'tsconfig.jest.json'), transpileOnly: true });
  require('tsconfig-paths').register({ baseUrl: root, paths: { '@themis/*': ['libs/*/src'] } });
  const { startEmbeddedPostgres, connectAndMigrate } = require(path.join(root, 'libs', 'database', 'src'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-test-'));
  fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  const ds = await connectAndMigrate(db.url);
  await ds.destroy(); // nothing may stay connected to a template

  globalThis.__THEMIS_PG__ = { db, dir };
  process.env.THEMIS_TEST_DATABASE_URL = db.url;
  process.env.THEMIS_TEST_TEMPLATE = 'themis';
};

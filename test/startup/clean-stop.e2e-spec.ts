import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { freePort, startServer } from './server-process';

/** Issue 20, item 8: every clean Ctrl-C printed `ERROR [TypeOrmModule] Called end on pool more than once`. */
describe('A clean stop', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-stop-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s exits 0 and prints no error', async (signal) => {
    const server = startServer({ DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'info' });
    const url = await server.ready;
    await request(url).get('/health').expect(200);
    server.child.kill(signal);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(new RegExp(`${signal} received`));
    expect(server.errors()).not.toMatch(/ERROR|more than once|\n\s+at /);
    expect(server.output()).not.toMatch(/Called end on pool/);
  }, 180_000);
});

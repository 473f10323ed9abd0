import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { bundledDocumentLoader, issuerDocuments, issuerIdentity, linkedData } from '@themis/certification';
import { freePort, startServer } from './server-process';

/** The compiled server loads the ES-module-only linked-data libraries with a native import(), outside jest. */
describe('Credentials in the compiled server', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-ld-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('serves a status list signed eddsa-rdfc-2022 that verifies against its published key', async () => {
    const server = startServer({ DATA_DIR: dataDir, PORT: String(await freePort()), DATABASE_CONNECT_TIMEOUT_MS: '60000' });
    try {
      const url = await server.ready;
      const res = await request(url).get('/api/v1/credentials/status/0').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      const list = JSON.parse(res.text);
      expect(list.proof).toEqual([expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' })]);
      const jwk = (await request(url).get('/.well-known/jwks.json').expect(200)).body.keys[0];
      const identity = issuerIdentity(url, Buffer.from(jwk.x, 'base64url'));
      expect(list.issuer).toBe(identity.did);
      const { vc, DataIntegrityProof, cryptosuite } = await linkedData();
      const result = await vc.verifyCredential({ credential: list, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: bundledDocumentLoader(issuerDocuments(identity)) });
      expect(result.verified).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 180_000);
});

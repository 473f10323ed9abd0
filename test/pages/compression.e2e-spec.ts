import request from 'supertest';
import { createTestApp, loginAs, TestApp } from '@themis/testing';
import { certifiedLearner } from '../security/security-support';

/**
 * Issue 20, item 17: pages, the stylesheet and scripts are compressed for clients that ask
 * (Accept-Encoding), their caching headers kept; PDFs (already compressed, and signed byte for
 * byte) and the fast verification route are not.
 */
describe('Compression', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const get = (path: string) => request(t.url).get(path).set('Accept-Encoding', 'gzip, br');

  it('compresses pages, CSS and script, keeping their caching headers', async () => {
    const home = await get('/').expect(200);
    expect(home.headers['content-encoding']).toMatch(/^(gzip|br)$/);
    expect(home.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(home.headers['cache-control']).toBe((await request(t.url).get('/')).headers['cache-control']);
    // (Below 1 kB, e.g. copy-link.js, compression gains nothing and is skipped.)
    for (const asset of ['/assets/site.css', '/assets/authoring-editor.js']) {
      const plain = await request(t.url).get(asset).set('Accept-Encoding', 'identity').expect(200);
      const packed = await get(asset).expect(200);
      expect([asset, packed.headers['content-encoding']]).toEqual([asset, expect.stringMatching(/^(gzip|br)$/)]);
      expect(packed.headers['cache-control']).toBe(plain.headers['cache-control']);
      expect(packed.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(packed.headers['last-modified']).toBe(plain.headers['last-modified']);
      expect(packed.headers['etag']).toBeDefined();
      expect(packed.text).toBe(plain.text);
      // A conditional request still gets its 304.
      await get(asset).set('If-None-Match', packed.headers['etag']!).expect(304);
    }
  });

  it('leaves PDFs and the fast verification route alone', async () => {
    const admin = await loginAs(t, 'admin');
    const learner = await certifiedLearner(t, admin);
    const [{ code }] = await t.db.query('SELECT code FROM certificates WHERE user_id = $1', [learner.id]);
    const pdf = await get(`/api/v1/certificates/${code}/pdf`).set(learner.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-encoding']).toBeUndefined();
    const verified = await get(`/api/v1/verify/${code}`).expect(200);
    expect(verified.headers['content-encoding']).toBeUndefined();
  });
});

import request from 'supertest';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';

/**
 * Issue 20, item 10: refreshing the page that showed a new verifier key posted the form again and
 * made a second live key. A form that creates something answers 303 to a page (POST-redirect-GET);
 * the key is still shown once, on the page the redirect leads to.
 */
describe('Forms that create things', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  /** A browser's jar: cookies set by answers are sent with the next request. */
  function browser() {
    const jar = new Map<string, string>([['themis_session', admin.token]]);
    const keep = (res: request.Response) => {
      for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
        const [pair] = c.split(';');
        const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
        if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return {
      get: async (url: string) => keep(await request(t.url).get(url).set('Cookie', cookie()).redirects(0)),
      post: async (url: string, form: Record<string, string>, token: string) => keep(await request(t.url).post(url).set('Cookie', cookie()).type('form').redirects(0).send({ ...form, _csrf: token })),
    };
  }
  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const count = async () => Number((await t.db.query(`SELECT count(*) AS n FROM verifiers WHERE name = 'PRG Bar'`))[0].n);

  it('answers the verifier-key form with 303, shows the key once after the redirect, and a refresh creates nothing', async () => {
    const b = browser();
    const form = await b.get('/admin/verifiers');
    const posted = await b.post('/admin/verifiers', { name: 'PRG Bar' }, tokenOf(form.text));
    expect(posted.status).toBe(303);
    expect(posted.headers['location']).toMatch(/^\/admin\/verifiers/);
    expect(posted.text).not.toMatch(/thm_|apiKey/);
    expect(await count()).toBe(1);

    const shown = await b.get(posted.headers['location']);
    expect(shown.status).toBe(200);
    const key = /id="new-key"[^>]*value="([^"]+)"/.exec(shown.text)?.[1];
    expect(key).toBeTruthy();
    const check = await request(t.url).post('/api/v1/verify/batch').set('X-Api-Key', key!).send({ codes: ['0000-0000-0000-0000'] });
    expect(check.status).toBe(200);

    // The refresh a browser makes is of the page it is on: a GET, which shows the key no more and creates nothing.
    const refreshed = await b.get(posted.headers['location']);
    expect(refreshed.status).toBe(200);
    expect(refreshed.text).not.toContain(key!);
    expect(await count()).toBe(1);
  });

  it('still answers a refused form with the form and its errors (400), creating nothing', async () => {
    const b = browser();
    const form = await b.get('/admin/verifiers');
    const refused = await b.post('/admin/verifiers', { name: '' }, tokenOf(form.text));
    expect(refused.status).toBe(400);
  });
});

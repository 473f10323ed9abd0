import request from 'supertest';
import { createTestApp, loginAs, TestApp, uniqueEmail } from '@themis/testing';

const PASSWORD = 'Quiet-Harbour-Lantern-42';

/** Issue 20, item 4: a name of one letter and 190 combining marks, and a quoted address full of markup, were both accepted. */
describe('Names and email addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const register = (fields: { email?: string; fullName?: string }) =>
    request(t.url).post('/api/v1/auth/register').send({ email: uniqueEmail('names'), password: PASSWORD, fullName: 'Aytən Məmmədova', profession: 'judge', ...fields });

  it('refuses a name with more than three combining marks on a letter, naming fullName', async () => {
    const res = await register({ fullName: `x${'\u0301'.repeat(190)}` }).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('fullName');
    await register({ fullName: `Zx${'\u0301'.repeat(4)}lgo` }).expect(400);
  });

  it('stores names NFC-normalised, and keeps up to three marks', async () => {
    const decomposed = 'Ayte\u0301n Me\u0308mme\u0308dova'; // e + combining marks, as some keyboards send them
    const res = await register({ fullName: decomposed }).expect(201);
    expect(res.body.fullName).toBe(decomposed.normalize('NFC'));
    const rows = await t.db.query('SELECT full_name FROM users WHERE id = $1', [res.body.id]);
    expect(rows[0].full_name).toBe(decomposed.normalize('NFC'));
    await register({ fullName: `Nguyễn Thị Ngọc x${'\u0301'.repeat(3)}` }).expect(201);
  });

  it.each(['"<img src=x onerror=alert(1)>"@sec.test', '"much.more unusual"@example.com', 'a@[127.0.0.1]', 'a..b@example.org', 'user@localhost'])('refuses the address %s, naming email', async (email) => {
    const res = await register({ email }).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('email');
  });

  it('refuses the same address when an admin creates the account', async () => {
    const admin = await loginAs(t, 'admin');
    const res = await request(t.url).post('/api/v1/admin/users').set(admin.auth)
      .send({ email: '"<img src=x onerror=alert(1)>"@sec.test', password: PASSWORD, fullName: 'Test', role: 'learner' }).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('email');
  });

  it('accepts ordinary addresses, apostrophes and plus tags included', async () => {
    await register({ email: `o'brien+${Date.now()}@example.org` }).expect(201);
    await register({ email: `first.last.${Date.now()}@sub.example.co.uk` }).expect(201);
  });
});

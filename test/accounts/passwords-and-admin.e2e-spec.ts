import request from 'supertest';
import { createTestApp, loginAs, SignedInUser, TestApp, uniqueEmail } from '@themis/testing';

describe('The password rule and admins\' user operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const register = (password: string, extra: Record<string, unknown> = {}) =>
    request(t.url).post('/api/v1/auth/register').send({ email: uniqueEmail('rule'), password, fullName: 'Aytən Məmmədova', profession: 'judge', ...extra });

  it.each(['password1234', '123456789012', 'qwertyuiop12', 'aaaaaaaaaaaa', '\u0000'.repeat(12), 'short-one'])('refuses %j at registration, naming password', async (password) => {
    const res = await register(password).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('password');
  });

  it('refuses a password holding the email\'s local part or a word of the name, ignoring case', async () => {
    await register('zebra-AYTƏN-crossing-7').expect(400);
    await register('harbor-KAMILA.H-nightfall-3', { email: 'kamila.h@example.test' }).expect(400);
    await register('harbor-nightfall-quartz-3').expect(201);
  });

  it('applies the same rule to accounts an admin creates', async () => {
    const admin = await loginAs(t, 'admin');
    const res = await request(t.url).post('/api/v1/admin/users').set(admin.auth).send({ email: uniqueEmail(), password: 'qwertyuiop12', fullName: 'Rəşad Həsənov', role: 'trainer' }).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('password');
  });

  it('says why on the sign-up page, in the visitor\'s language', async () => {
    const form = await request(t.url).get('/sign-up').set('Accept-Language', 'ru').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const jar = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const res = await request(t.url).post('/sign-up').set('Cookie', jar).set('Accept-Language', 'ru').type('form')
      .send({ _csrf: csrf, email: uniqueEmail(), password: 'password1234', fullName: 'Гюльнара Алиева', profession: 'judge', locale: 'ru' }).expect(400);
    expect(res.text).toMatch(/Это один из самых распространённых паролей|Этот пароль слишком легко угадать/);
  });

  describe('the last active admin', () => {
    let a: SignedInUser;
    let b: SignedInUser;
    beforeAll(async () => {
      await t.db.query(`UPDATE users SET role = 'learner' WHERE role = 'admin'`);
      a = await loginAs(t, 'admin');
      b = await loginAs(t, 'admin');
    });

    it('finds users by name or email, a page at a time', async () => {
      const found = await request(t.url).get('/api/v1/admin/users').query({ query: b.email, limit: 1 }).set(a.auth).expect(200);
      expect(found.body).toMatchObject({ total: 1, limit: 1, offset: 0, users: [{ id: b.id, active: true }] });
      const page = await request(t.url).get('/api/v1/admin/users').query({ limit: 2, offset: 2 }).set(a.auth).expect(200);
      expect(page.body.users).toHaveLength(2);
      expect(page.body.total).toBeGreaterThanOrEqual(4);
    });

    it('lets exactly one of two admins demote the other when both try at once, and audits it', async () => {
      const [ab, ba] = await Promise.all([
        request(t.url).put(`/api/v1/admin/users/${b.id}/role`).set(a.auth).send({ role: 'learner' }),
        request(t.url).put(`/api/v1/admin/users/${a.id}/role`).set(b.auth).send({ role: 'learner' }),
      ]);
      const statuses = [ab.status, ba.status].sort();
      // The loser is either refused (409) or, if the winner's change ended its session first, signed out (401).
      expect(statuses[0]).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND deactivated_at IS NULL`);
      expect(n).toBe(1);
      const entries = await t.db.query(`SELECT subject, details FROM audit_log WHERE action = 'user.role_change'`);
      expect(entries).toHaveLength(1);
      expect(entries[0].details.grantedRole).toBe('learner');
    });

    it('answers 409 when the change would leave no active admin', async () => {
      const [{ id }] = await t.db.query(`SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL`);
      const last = id === a.id ? a : b;
      const res = await request(t.url).post(`/api/v1/admin/users/${last.id}/deactivation`).set(last.auth).expect(409);
      expect(res.body.statusCode).toBe(409);
      await request(t.url).put(`/api/v1/admin/users/${last.id}/role`).set(last.auth).send({ role: 'trainer' }).expect(409);
      await request(t.url).put(`/api/v1/admin/users/${last.id}/role`).set(last.auth).send({ role: 'root' }).expect(400);
    });
  });
});

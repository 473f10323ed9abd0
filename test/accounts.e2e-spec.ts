import request from 'supertest';
import { AccountAdminService, UsersService } from '@themis/identity';
import { createTestApp, loginAs, TestApp, uniqueEmail } from '@themis/testing';

describe('Accounts API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' } });
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>) => request(t.url).post('/api/v1/auth/register').send(body);
  const valid = () => ({ email: uniqueEmail(), password: 'correct-horse-battery', fullName: 'Aytən Məmmədova', profession: 'defense_attorney', barNumber: 'AZ-1234', locale: 'az' });

  it.each(['Aytən Məmmədova', 'Гюльнара Алиева', 'Şəhla Ağayeva-Qılıncova', "Nuray O'Neill"])('registers %s and returns the name unchanged', async (fullName) => {
    const res = await register({ ...valid(), fullName }).expect(201);
    expect(res.body).toMatchObject({ fullName, profession: 'defense_attorney', role: 'learner' });
    expect(res.body).not.toHaveProperty('passwordHash');
    const login = await request(t.url).post('/api/v1/auth/login').send({ email: res.body.email, password: 'correct-horse-battery' }).expect(200);
    const me = await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.fullName).toBe(fullName);
  });

  it('answers 409 when the email is taken, whatever its case', async () => {
    const body = valid();
    await register(body).expect(201);
    const res = await register({ ...body, email: body.email.toUpperCase() }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('answers 400 naming each bad field, and writes nothing', async () => {
    const email = uniqueEmail();
    const res = await register({ email, password: 'short', fullName: '   ', profession: 'astronaut', locale: 'fr', isAdmin: true }).expect(400);
    const message = (res.body.message as string[]).join(' | ');
    for (const field of ['password', 'fullName', 'profession', 'locale', 'isAdmin']) expect(message).toContain(field);
    await request(t.url).post('/api/v1/auth/login').send({ email, password: 'short' }).expect(401);
  });

  it('rejects a role smuggled into registration', async () => {
    await register({ ...valid(), role: 'admin' }).expect(400);
  });

  it('logs in with a Bearer JWT that /me accepts, and /me refuses a missing or forged token', async () => {
    const body = valid();
    await register(body).expect(201);
    const login = await request(t.url).post('/api/v1/auth/login').send({ email: body.email, password: body.password }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(login.body.accessToken.split('.')).toHaveLength(3);
    await request(t.url).get('/api/v1/me').expect(401);
    await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}x`).expect(401);
  });

  it('gives one message for an unknown email and a wrong password', async () => {
    const body = valid();
    await register(body).expect(201);
    const wrong = await request(t.url).post('/api/v1/auth/login').send({ email: body.email, password: 'not-the-password' }).expect(401);
    const unknown = await request(t.url).post('/api/v1/auth/login').send({ email: uniqueEmail('nobody'), password: 'not-the-password' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('throttles an account after repeated failures with 429, even for the right password', async () => {
    const body = valid();
    await register(body).expect(201);
    for (let i = 0; i < 3; i++) await request(t.url).post('/api/v1/auth/login').send({ email: body.email, password: 'wrong-password-1' }).expect(401);
    const res = await request(t.url).post('/api/v1/auth/login').send({ email: body.email, password: body.password }).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('lets an admin create trainers and admins, and refuses learners and trainers', async () => {
    const admin = await loginAs(t, 'admin');
    const trainer = await loginAs(t, 'trainer');
    const body = { email: uniqueEmail('trainer'), password: 'a-trainer-passphrase-91', fullName: 'Rəşad Həsənov', role: 'trainer' };
    const res = await request(t.url).post('/api/v1/admin/users').set(admin.auth).send(body).expect(201);
    expect(res.body).toMatchObject({ role: 'trainer', fullName: 'Rəşad Həsənov', profession: 'other' });
    await request(t.url).post('/api/v1/admin/users').set(trainer.auth).send({ ...body, email: uniqueEmail() }).expect(403);
    await request(t.url).post('/api/v1/admin/users').send({ ...body, email: uniqueEmail() }).expect(401);
    await request(t.url).post('/api/v1/admin/users').set(admin.auth).send({ ...body, email: uniqueEmail(), role: 'root' }).expect(400);
  });

  it('takes a demotion into account at once: the old token is refused, a new one is a learner\'s', async () => {
    await loginAs(t, 'admin'); // another admin remains
    const admin = await loginAs(t, 'admin');
    await request(t.url).get('/api/v1/admin/users').set(admin.auth).expect(200);
    await t.app.get(AccountAdminService).setRole(admin.id, 'learner');
    await request(t.url).get('/api/v1/admin/users').set(admin.auth).expect(401);
    await request(t.url).get('/api/v1/me').set(admin.auth).expect(401);
    const again = await request(t.url).post('/api/v1/auth/login').send({ email: admin.email, password: admin.password }).expect(200);
    await request(t.url).get('/api/v1/admin/users').set('Authorization', `Bearer ${again.body.accessToken}`).expect(403);
  });

  it('creates a verifier key that is shown once and stored only as a hash', async () => {
    const admin = await loginAs(t, 'admin');
    const res = await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: 'Azərbaycan Vəkillər Kollegiyası' }).expect(201);
    expect(res.body).toMatchObject({ name: 'Azərbaycan Vəkillər Kollegiyası' });
    expect(res.body.apiKey).toMatch(/^thv_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.query('SELECT key_hash FROM verifiers WHERE id = $1', [res.body.id]);
    expect(row.key_hash).not.toContain(res.body.apiKey);
    const list = await request(t.url).get('/api/v1/admin/verifiers').set(admin.auth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.apiKey);
  });

  it('creates the configured admin once and never overwrites an existing account', async () => {
    const users = t.app.get(UsersService);
    const email = uniqueEmail('boot-admin');
    expect(await users.ensureAdmin(email, 'first-admin-password')).toBe(true);
    expect(await users.ensureAdmin(email, 'second-admin-password')).toBe(false);
    await request(t.url).post('/api/v1/auth/login').send({ email, password: 'first-admin-password' }).expect(200);
    await request(t.url).post('/api/v1/auth/login').send({ email, password: 'second-admin-password' }).expect(401);
  });
});

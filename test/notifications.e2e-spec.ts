import request from 'supertest';
import { ExpiryReminders } from '@themis/certification';
import { messageIdFor } from '@themis/mail';
import { createTestApp, LearnerPath, loginAs, SignedInUser, SmtpSink, startSmtpSink, TestApp } from '@themis/testing';

const COURSE = 'path-course';
const DAY = 86_400_000;

describe('Certificate notifications by mail', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: SignedInUser;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://themis.example.az', MAIL_CONTACT: 'training@bar.example.az' } });
    admin = await loginAs(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const mailsTo = (email: string) => sink.received.filter((m) => m.to.includes(email));
  const certify = async (locale: 'en' | 'az' | 'ru', fullName = 'Гюльнара Алиева') => {
    const learner = await loginAs(t, 'learner', { fullName });
    await t.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [learner.id, locale]);
    const path = new LearnerPath(t, learner);
    await path.enroll(COURSE);
    await path.completeAllLessons(COURSE, ['lesson-two']);
    await path.passQuiz(COURSE, 'basics-quiz', admin);
    await request(t.url).get(`/api/v1/courses/${COURSE}/lessons/lesson-two`).set(learner.auth).expect(200);
    // Racing completions issue one certificate: and one mail.
    await Promise.all(Array.from({ length: 8 }, () => request(t.url).post(`/api/v1/courses/${COURSE}/lessons/lesson-two/completion`).set(learner.auth).expect(200)));
    const [cert] = await t.db.query(`SELECT id, code FROM certificates WHERE user_id = $1`, [learner.id]);
    return { learner, id: cert.id as string, code: cert.code as string };
  };

  it('tells the holder once, in their language, that the certificate is issued, with its link', async () => {
    const { learner, id, code } = await certify('ru');
    const messageId = messageIdFor(`certificate-issued:${id}`, t.config.publicUrl);
    await sink.waitFor(() => mailsTo(learner.email).some((m) => m.messageId === messageId));
    await new Promise((r) => setTimeout(r, 2000));
    const mails = mailsTo(learner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Ваш сертификат по курсу «Path course»');
    expect(mails[0]!.text).toContain('Здравствуйте, Гюльнара Алиева!');
    expect(mails[0]!.text).toContain(`https://themis.example.az/verify/${code}`);
    expect(mails[0]!.html).toContain(`href="https://themis.example.az/verify/${code}"`);
  });

  it('tells the holder the certificate is revoked, with the reason', async () => {
    const { learner, id, code } = await certify('az', 'Aytən Məmmədova');
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'Tamamlanma saxtakarlıqla əldə edilib' }).expect(200);
    const messageId = messageIdFor(`certificate-revoked:${id}`, t.config.publicUrl);
    await sink.waitFor(() => mailsTo(learner.email).some((m) => m.messageId === messageId));
    const revoked = mailsTo(learner.email).find((m) => m.messageId === messageId)!;
    expect(revoked.subject).toBe(`${code} nömrəli sertifikatınız ləğv edildi`);
    expect(revoked.text).toContain('Göstərilən səbəb: Tamamlanma saxtakarlıqla əldə edilib.');
  });

  it('reminds 60 and 7 days before expiry, once per certificate and threshold, across runs, restarts and racing runs', async () => {
    const { learner, id } = await certify('en', 'Rauf Aliyev');
    await sink.waitFor(() => mailsTo(learner.email).length === 1);
    const setExpiry = (days: number) => t.db.query(`UPDATE certificates SET expires_at = now() + make_interval(days => $2) WHERE id = $1`, [id, days]);
    const reminders = t.app.get(ExpiryReminders);

    await setExpiry(90);
    await reminders.run();
    await setExpiry(30);
    await Promise.all([reminders.run(), reminders.run(), reminders.run()]);
    await reminders.run();
    const sixty = messageIdFor(`certificate-expiring:60:${id}`, t.config.publicUrl);
    await sink.waitFor(() => mailsTo(learner.email).some((m) => m.messageId === sixty));
    const first = mailsTo(learner.email).find((m) => m.messageId === sixty)!;
    expect(first.subject).toBe('Your certificate for Path course expires in 30 days');
    expect(first.text).toContain('https://themis.example.az/profile');

    // Another instance on the same database (a restart) finds nothing more to send at 30 days.
    // The same KEYS_DIR, as in scaling.e2e-spec: passport's strategies are process-global, so a second app's token secret would sign out the first's users.
    const second = await createTestApp({ databaseUrl: t.databaseUrl, env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://themis.example.az', KEYS_DIR: t.config.keysDir } });
    try {
      await second.app.get(ExpiryReminders).run();
      await setExpiry(5);
      await Promise.all([second.app.get(ExpiryReminders).run(), reminders.run()]);
    } finally {
      await second.close();
    }
    const seven = messageIdFor(`certificate-expiring:7:${id}`, t.config.publicUrl);
    await sink.waitFor(() => mailsTo(learner.email).some((m) => m.messageId === seven));
    await reminders.run();
    await new Promise((r) => setTimeout(r, 2000));
    const expiring = mailsTo(learner.email).filter((m) => m.subject.includes('expires in'));
    expect(expiring.map((m) => m.subject)).toEqual(['Your certificate for Path course expires in 30 days', 'Your certificate for Path course expires in 5 days']);
  });

  it('tells a learner who failed the last allowed attempt that none are left, and whom to ask, once', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Nigar Quliyeva' });
    await t.db.query(`UPDATE users SET locale = 'az' WHERE id = $1`, [learner.id]);
    const path = new LearnerPath(t, learner);
    await path.enroll(COURSE);
    await path.completeAllLessons(COURSE);
    for (let i = 0; i < 2; i++) {
      const { attemptId, answers } = await path.answerQuiz(COURSE, 'basics-quiz', admin, false);
      const graded = await request(t.url).post(`/api/v1/attempts/${attemptId}/submission`).set(learner.auth).send({ answers }).expect(200);
      expect(graded.body).toMatchObject({ passed: false, attemptsLeft: 1 - i });
      if (i === 0) {
        await new Promise((r) => setTimeout(r, 1500));
        expect(mailsTo(learner.email)).toEqual([]);
      } else {
        const messageId = messageIdFor(`attempts-used-up:${attemptId}`, t.config.publicUrl);
        await sink.waitFor(() => mailsTo(learner.email).some((m) => m.messageId === messageId));
      }
    }
    await request(t.url).post(`/api/v1/courses/${COURSE}/quizzes/basics-quiz/attempts`).set(learner.auth).expect(409);
    await new Promise((r) => setTimeout(r, 1500));
    const mails = mailsTo(learner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/üzrə cəhdləriniz bitdi$/);
    expect(mails[0]!.text).toContain('Yeni cəhd üçün müraciət edin: training@bar.example.az.');
    expect(mails[0]!.text).toContain('https://themis.example.az/courses/path-course');
  });

  it('sends no reminders to a holder who switched them off on the profile, and resumes when switched on', async () => {
    const { learner, id } = await certify('en', 'Leyla Hasanova');
    await sink.waitFor(() => mailsTo(learner.email).length === 1);
    const session = `themis_session=${learner.token}`;
    const profile = await request(t.url).get('/profile').set('Cookie', session).expect(200);
    expect(profile.text).toMatch(/name="certificateReminders" type="checkbox" value="on" checked/);
    const token = /name="_csrf" value="([^"]+)"/.exec(profile.text)![1]!;
    const csrf = ([] as string[]).concat(profile.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='))!;
    const post = (form: Record<string, string>) => request(t.url).post('/profile/reminders').set('Cookie', `${session}; ${csrf}`).set('X-Csrf-Token', token).type('form').redirects(0).send(form);
    await post({}).expect(303).expect('Location', '/profile?saved=1');
    const off = await request(t.url).get('/profile').set('Cookie', session).expect(200);
    expect(off.text).toMatch(/name="certificateReminders" type="checkbox" value="on">/);

    await t.db.query(`UPDATE certificates SET expires_at = now() + interval '20 days' WHERE id = $1`, [id]);
    await t.app.get(ExpiryReminders).run();
    await new Promise((r) => setTimeout(r, 2000));
    expect(mailsTo(learner.email)).toHaveLength(1);

    await post({ certificateReminders: 'on' }).expect(303);
    await t.app.get(ExpiryReminders).run();
    await sink.waitFor(() => mailsTo(learner.email).length === 2);
    expect(mailsTo(learner.email)[1]!.subject).toBe('Your certificate for Path course expires in 20 days');
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MailQueue, messageIdFor } from '@themis/mail';
import { createTestApp, loginAs, SmtpSink, startSmtpSink, TestApp } from '@themis/testing';

const issued = (eventKey: string, locale: 'en' | 'az' | 'ru', to = 'holder@example.test') =>
  ({ eventKey, to, locale, template: 'certificate-issued', params: { name: 'Aytən Məmmədova', courseTitle: 'Cinayət prosesi & sübutlar', code: 'THM-7Q2K' }, links: { link: '/certificates/THM-7Q2K' } }) as const;

describe('Mail through SMTP', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let mail: MailQueue;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: sink.url } });
    mail = t.app.get(MailQueue);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('delivers a message once, in the recipient language, plain text and HTML, with the event Message-ID and an absolute link', async () => {
    const key = `certificate-issued:${Date.now()}`;
    expect(await mail.enqueue(issued(key, 'az'))).toBe(true);
    expect(await mail.enqueue(issued(key, 'az'))).toBe(false);
    const id = messageIdFor(key, t.config.publicUrl);
    await sink.waitFor((r) => r.some((m) => m.messageId === id));
    const m = sink.received.find((x) => x.messageId === id)!;
    expect(m.to).toEqual(['holder@example.test']);
    expect(m.subject).toBe('Cinayət prosesi & sübutlar üzrə sertifikatınız');
    expect(m.text).toContain('Hörmətli Aytən Məmmədova,');
    expect(m.text).toContain('Cinayət prosesi & sübutlar kursunu başa vurdunuz');
    expect(m.text).toContain(`${t.config.publicUrl}/certificates/THM-7Q2K`);
    expect(m.html).toContain(`href="${t.config.publicUrl}/certificates/THM-7Q2K"`);
    expect(m.html).toContain('Cinayət prosesi &amp; sübutlar');
    expect(m.parsed.from?.value).toEqual([{ name: 'Themis', address: `no-reply@${new URL(t.config.publicUrl).hostname}` }]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(sink.received.filter((x) => x.messageId === id)).toHaveLength(1);
  });

  it('sends in English and Russian to those who read them', async () => {
    const en = `en:${Date.now()}`;
    const ru = `ru:${Date.now()}`;
    await mail.enqueue(issued(en, 'en'));
    await mail.enqueue(issued(ru, 'ru'));
    await sink.waitFor((r) => [en, ru].every((k) => r.some((m) => m.messageId === messageIdFor(k, t.config.publicUrl))));
    const byKey = (k: string) => sink.received.find((m) => m.messageId === messageIdFor(k, t.config.publicUrl))!;
    expect(byKey(en).subject).toBe('Your certificate for Cinayət prosesi & sübutlar');
    expect(byKey(ru).subject).toBe('Ваш сертификат по курсу «Cinayət prosesi & sübutlar»');
    expect(byKey(ru).text).toContain('Здравствуйте, Aytən Məmmədova!');
  });

  it('queues a message in the caller transaction: nothing leaves when it rolls back', async () => {
    const kept = `tx-kept:${Date.now()}`;
    const dropped = `tx-dropped:${Date.now()}`;
    const db = t.app.get(DataSource);
    await db.transaction((m) => mail.enqueue(issued(kept, 'en'), m));
    await expect(
      db.transaction(async (m) => {
        await mail.enqueue(issued(dropped, 'en'), m);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    await sink.waitFor((r) => r.some((m) => m.messageId === messageIdFor(kept, t.config.publicUrl)));
    await new Promise((r) => setTimeout(r, 2500));
    expect(sink.received.some((m) => m.messageId === messageIdFor(dropped, t.config.publicUrl))).toBe(false);
    // The rolled-back event is not "used": it can be sent later.
    expect(await mail.enqueue(issued(dropped, 'en'))).toBe(true);
  });

  it('retries with back-off when the SMTP server refuses, and delivers the same message once it accepts', async () => {
    const key = `retry:${Date.now()}`;
    const refusedBefore = sink.refused;
    sink.refuseNext(2);
    await mail.enqueue(issued(key, 'ru'));
    const id = messageIdFor(key, t.config.publicUrl);
    await sink.waitFor((r) => r.some((m) => m.messageId === id), 45_000);
    expect(sink.refused - refusedBefore).toBe(2);
    expect(sink.received.filter((m) => m.messageId === id)).toHaveLength(1);
    // The SMTP server accepts before the job records the send: wait for the job, as a later reader would.
    let sent: { sent_at: Date | null }[] = [];
    for (let i = 0; i < 50 && !sent[0]?.sent_at; i++) {
      if (i) await new Promise((r) => setTimeout(r, 100));
      sent = await t.db.query(`SELECT sent_at FROM mail_events WHERE event_key = $1`, [key]);
    }
    expect(sent[0]!.sent_at).not.toBeNull();
  });
});

describe('Mail without SMTP_URL: the outbox', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes each message as one .eml file under DATA_DIR/outbox and shows it to admins only', async () => {
    const key = `outbox:${Date.now()}`;
    await t.app.get(MailQueue).enqueue(issued(key, 'ru', 'reader@example.test'));
    const dir = path.join(t.config.dataDir, 'outbox');
    const until = Date.now() + 30_000;
    while (!(fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.eml')))) {
      if (Date.now() > until) throw new Error('no .eml file appeared');
      await new Promise((r) => setTimeout(r, 100));
    }
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(fs.readFileSync(path.join(dir, files[0]!)));
    expect(parsed.messageId).toBe(messageIdFor(key, t.config.publicUrl));
    expect(parsed.subject).toBe('Ваш сертификат по курсу «Cinayət prosesi & sübutlar»');
    expect(parsed.text).toContain(`${t.config.publicUrl}/certificates/THM-7Q2K`);
    expect(parsed.html).toContain('Здравствуйте');

    const admin = await loginAs(t, 'admin');
    const learner = await loginAs(t, 'learner');
    const list = await request(t.url).get('/admin/outbox').set('Cookie', `themis_session=${admin.token}`).expect(200);
    expect(list.text).toContain('reader@example.test');
    expect(list.text).toContain(`/admin/outbox/${files[0]}`);
    const one = await request(t.url).get(`/admin/outbox/${files[0]}`).set('Cookie', `themis_session=${admin.token}`).expect(200);
    expect(one.text).toContain('Здравствуйте, Aytən Məmmədova!');
    expect(one.text).toContain('Cinayət prosesi &amp; sübutlar');
    await request(t.url).get(`/admin/outbox/${files[0]}`).set('Cookie', `themis_session=${learner.token}`).expect(403);
    await request(t.url).get('/admin/outbox/..%2F..%2Fetc%2Fpasswd').set('Cookie', `themis_session=${admin.token}`).expect(404);
  });
});

import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: mail and jobs', () => {
  it('sends from no-reply at the public host by default, and to the outbox without SMTP_URL', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://themis.example.az:8443/' }, '/srv');
    expect(config.mail).toEqual({ smtpUrl: undefined, from: 'Themis <no-reply@themis.example.az>', contact: undefined });
    expect(config.workerConcurrency).toBe(2);
    expect(loadConfig({}, '/srv').mail.from).toBe('Themis <no-reply@localhost>');
  });

  it('takes an smtp or smtps URL with credentials, a sender, a contact and a worker concurrency', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://mailer:s3cret@mail.example.az:465', MAIL_FROM: 'CLE <cle@bar.az>', MAIL_CONTACT: 'training@bar.az', WORKER_CONCURRENCY: '8' }, '/srv');
    expect(config.mail).toEqual({ smtpUrl: 'smtps://mailer:s3cret@mail.example.az:465', from: 'CLE <cle@bar.az>', contact: 'training@bar.az' });
    expect(config.workerConcurrency).toBe(8);
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }, '/srv').mail.smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(loadConfig({ ADMIN_EMAIL: 'admin@bar.az', ADMIN_PASSWORD: 'a-long-admin-password' }, '/srv').mail.contact).toBe('admin@bar.az');
  });

  it('names every bad mail or job variable', () => {
    const bad = () => loadConfig({ SMTP_URL: 'http://mail.example.az', WORKER_CONCURRENCY: '0' }, '/srv');
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/SMTP_URL[\s\S]*WORKER_CONCURRENCY|WORKER_CONCURRENCY[\s\S]*SMTP_URL/);
    expect(() => loadConfig({ WORKER_CONCURRENCY: '65' }, '/srv')).toThrow(/WORKER_CONCURRENCY/);
  });
});

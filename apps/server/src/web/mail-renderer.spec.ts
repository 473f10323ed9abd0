import { SUPPORTED_LOCALES } from '@themis/core';
import { MAIL_TEMPLATES, MailValues } from '@themis/mail';
import { HandlebarsMailRenderer } from './mail-renderer';

const values: MailValues = {
  name: 'Гюльнара <Алиева>',
  minutes: 60,
  newEmail: 'new@example.test',
  courseTitle: 'Evidence & Procedure',
  quizTitle: 'Final quiz',
  code: 'THM-7Q2K',
  reason: 'issued in error',
  days: 7,
  expiresOn: '9 December 2026',
  contact: 'your trainer, Rauf Əliyev',
  link: 'https://themis.example/certificates/THM-7Q2K',
  profile: 'https://themis.example/profile',
};

describe(HandlebarsMailRenderer.name, () => {
  const sut = new HandlebarsMailRenderer();

  it.each(MAIL_TEMPLATES.flatMap((t) => SUPPORTED_LOCALES.map((l) => [t, l] as const)))('renders %s in %s with every placeholder filled', async (template, locale) => {
    const mail = await sut.render(template, locale, values);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/\{\w+\}/);
      expect(part).not.toMatch(/mail\.\w+/);
    }
    expect(mail.text).toContain('Гюльнара <Алиева>');
    expect(mail.html).toContain('Гюльнара &lt;Алиева&gt;');
    expect(mail.html).not.toContain('<Алиева>');
    expect(mail.html).toContain(`<html lang="${locale}">`);
    if (['password-reset', 'email-change-confirmation', 'certificate-issued', 'certificate-revoked', 'certificate-expiring', 'attempts-used-up'].includes(template)) {
      expect(mail.text).toContain(values['link']);
      expect(mail.html).toContain(`href="${values['link']}"`);
    }
  });

  it('names an administrator when no contact is configured for more attempts', async () => {
    const { contact: _contact, ...without } = values;
    expect((await sut.render('attempts-used-up', 'en', without)).text).toContain('ask an administrator of Themis.');
    expect((await sut.render('attempts-used-up', 'ru', without)).text).toContain('напишите: администратору Themis.');
  });

  it('words each template differently in each language', async () => {
    const subjects = new Set<string>();
    for (const template of MAIL_TEMPLATES) for (const locale of SUPPORTED_LOCALES) subjects.add((await sut.render(template, locale, values)).subject);
    expect(subjects.size).toBe(MAIL_TEMPLATES.length * SUPPORTED_LOCALES.length);
  });
});

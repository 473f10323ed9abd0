import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { Locale } from '@themis/core';
import { MailRenderer, MailTemplate, MailValues, RenderedMail } from '@themis/mail';
import { translate } from './i18n';
import { createViewEngine, VIEWS_DIR } from './view-engine';

type Engine = ReturnType<typeof createViewEngine>;

// `certificate-expiring` → `certificateExpiring`: the i18n prefix of a template's wording.
const keyOf = (template: MailTemplate) => `mail.${template.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`;

/** The parts each message has beyond its body: a button for its `link`, a closing note. */
const PARTS: Record<MailTemplate, { action?: true; note?: true }> = {
  'password-reset': { action: true },
  'password-changed': {},
  'email-change-confirmation': { action: true },
  'email-changed': {},
  'account-closed': {},
  'certificate-issued': { action: true },
  'certificate-revoked': { action: true },
  'certificate-expiring': { action: true, note: true },
  'attempts-used-up': { action: true },
};

/**
 * Mail through the pages' view engine (views/mail/message.{html,text}.hbs) and the pages' i18n
 * dictionaries: the HTML escaped as on the pages, the plain text unescaped.
 */
@Injectable()
export class HandlebarsMailRenderer extends MailRenderer {
  private readonly html: Engine = createViewEngine(VIEWS_DIR);
  private readonly text: Engine = createViewEngine(VIEWS_DIR, { noEscape: true });

  async render(template: MailTemplate, locale: Locale, values: MailValues): Promise<RenderedMail> {
    const key = keyOf(template);
    if (template === 'attempts-used-up' && values['contact'] === undefined) values = { ...values, contact: translate(locale, 'mail.attemptsUsedUp.contactFallback') };
    const message = (suffix: string) => ({ key: `${key}.${suffix}`, params: values });
    const data = {
      locale,
      values,
      subject: translate(locale, `${key}.subject`, values),
      paragraphs: [message('body')],
      action: PARTS[template].action ? { url: values['link'], label: message('action') } : undefined,
      note: PARTS[template].note ? message('note') : undefined,
    };
    const [html, text] = await Promise.all([this.run(this.html, 'html', data), this.run(this.text, 'text', data)]);
    return { subject: data.subject, html, text: text.replace(/\n{3,}/g, '\n\n') };
  }

  private run(engine: Engine, format: 'html' | 'text', data: object): Promise<string> {
    return new Promise((resolve, reject) => engine(path.join(VIEWS_DIR, 'mail', `message.${format}.hbs`), data, (err, out) => (err ? reject(err) : resolve(out!))));
  }
}

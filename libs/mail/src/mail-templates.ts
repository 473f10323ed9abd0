import { Locale } from '@themis/core';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type NoLinks = {};

/**
 * Every message Themis sends, with the parameters its wording fills (`params`) and the links it
 * carries (`links`: paths under PUBLIC_URL, made absolute when enqueued). Names are stable: the
 * app's renderer keys its wording on them (i18n `mail.<template>.*`).
 */
export interface MailTemplates {
  'password-reset': { params: { name: string; minutes: number }; links: { link: string } };
  'password-changed': { params: { name: string }; links: NoLinks };
  'email-change-confirmation': { params: { name: string; minutes: number }; links: { link: string } };
  'email-changed': { params: { name: string; newEmail: string }; links: NoLinks };
  'account-closed': { params: { name: string }; links: NoLinks };
  'certificate-issued': { params: { name: string; courseTitle: string; code: string }; links: { link: string } };
  'certificate-revoked': { params: { name: string; courseTitle: string; code: string; reason: string }; links: { link: string } };
  'certificate-expiring': { params: { name: string; courseTitle: string; code: string; days: number; expiresOn: string }; links: { link: string; profile: string } };
  /** `contact`: whom to ask for another attempt; the renderer says "an administrator" without it. */
  'attempts-used-up': { params: { name: string; courseTitle: string; quizTitle: string; contact?: string }; links: { link: string } };
}

export type MailTemplate = keyof MailTemplates;

export const MAIL_TEMPLATES: readonly MailTemplate[] = [
  'password-reset',
  'password-changed',
  'email-change-confirmation',
  'email-changed',
  'account-closed',
  'certificate-issued',
  'certificate-revoked',
  'certificate-expiring',
  'attempts-used-up',
];

/** One message to send, as a caller describes it. */
export type MailRequest = {
  [T in MailTemplate]: {
    /** Names the event: one event, one message, one Message-ID (e.g. `certificate-issued:<certificate id>`). */
    eventKey: string;
    to: string;
    locale: Locale;
    template: T;
    params: MailTemplates[T]['params'];
  } & (NoLinks extends MailTemplates[T]['links'] ? { links?: NoLinks } : { links: MailTemplates[T]['links'] });
}[MailTemplate];

/** What the renderer is handed: the parameters, with the links already absolute URLs. */
export type MailValues = Record<string, string | number>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Turns a template into subject, plain text and HTML in one language. The app provides it (with
 * the pages' view engine), so this lib stays free of the app: `MailModule.forRoot({ renderer })`.
 */
export abstract class MailRenderer {
  abstract render(template: MailTemplate, locale: Locale, values: MailValues): RenderedMail | Promise<RenderedMail>;
}

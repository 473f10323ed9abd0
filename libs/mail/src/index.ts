/**
 * @themis/mail — every message Themis sends, durably queued (libs/jobs) and delivered with retries.
 *
 *   MailModule.forRoot({ renderer })   global; the app passes its MailRenderer (the pages' view engine).
 *   MailQueue.enqueue(request, manager?) → Promise<boolean>
 *       request: { eventKey, to, locale: 'en'|'az'|'ru', template, params, links? }
 *       `template` and its `params`/`links`: see MailTemplates in mail-templates.ts.
 *       `links`: paths under PUBLIC_URL (e.g. { link: '/reset-password?token=…' }), sent as absolute URLs.
 *       `manager`: the caller's transaction; the message is queued exactly when it commits.
 *       Answers false, queuing nothing, when `eventKey` was enqueued before (one event, one message).
 *   MailQueue.url(path) → absolute URL under PUBLIC_URL.
 *   MailOutbox.list() / read(file) / mode   the .eml files written while SMTP_URL is unset.
 *   messageIdFor(eventKey, publicUrl)      the Message-ID an event's message carries.
 *
 * Delivery is at least once; a repeat (same Message-ID) happens only when the process dies
 * between the SMTP server's acceptance and the job's completion.
 */
export * from './mail-delivery';
export * from './mail-event.entity';
export * from './mail-outbox';
export * from './mail-queue';
export * from './mail-templates';
export * from './mail.module';
export * from './message-id';

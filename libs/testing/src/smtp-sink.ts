import * as net from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The `Content-Language`-free way to tell the language: the whole parsed message. */
  parsed: ParsedMail;
}

export interface SmtpSink {
  /** SMTP_URL for the app under test. */
  url: string;
  received: ReceivedMail[];
  /** Messages refused so far (see refuseNext). */
  refused: number;
  /** The next `count` messages are refused with a temporary failure (451) after their data arrives. */
  refuseNext(count: number): void;
  /** From now on messages are held unanswered (the sender waits), until release(). */
  hold(): void;
  /** Answers the held messages: accepted, unless their sender hung up meanwhile (then never delivered). */
  release(): void;
  /** Messages held right now. */
  held(): number;
  /** Waits until `predicate` holds for what has arrived; fails after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server in the test process (smtp-server), keeping every message it accepts, parsed. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  let refuse = 0;
  let holding = false;
  const waiting: (() => void)[] = [];
  const closed = new Set<string>();
  const sink: Omit<SmtpSink, 'url'> & { url?: string } = {
    received: [],
    refused: 0,
    refuseNext: (count) => void (refuse = count),
    hold: () => void (holding = true),
    release: () => {
      holding = false;
      for (const answer of waiting.splice(0)) answer();
    },
    held: () => waiting.length,
    waitFor: async (predicate, timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      while (!predicate(sink.received)) {
        if (Date.now() > until) throw new Error(`the SMTP sink has ${sink.received.length} message(s); the awaited condition did not hold within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return sink.received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose: (session) => void closed.add(session.id),
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (refuse > 0) {
            refuse--;
            sink.refused++;
            return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          }
          const accept = () => {
            // A sender that hung up while held never heard "250": the message was not delivered.
            if (closed.has(session.id)) return callback(new Error('the sender is gone'));
            const to = session.envelope.rcptTo.map((r) => r.address);
            sink.received.push({ messageId: parsed.messageId ?? '', to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', parsed });
            callback();
          };
          if (holding) waiting.push(accept);
          else accept();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = (server.server as net.Server).address() as net.AddressInfo;
  sink.url = `smtp://127.0.0.1:${address.port}`;
  return sink as SmtpSink;
}

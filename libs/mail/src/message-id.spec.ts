import { messageIdFor, OUTBOX_FILE, outboxFileName } from './message-id';

describe(messageIdFor.name, () => {
  it('is one id per event key, under the public host without its port', () => {
    const id = messageIdFor('certificate-issued:42', 'https://themis.example.az:8443/base');
    expect(id).toMatch(/^<[0-9a-f]{32}@themis\.example\.az>$/);
    expect(messageIdFor('certificate-issued:42', 'http://localhost:3000')).toBe(id.replace('themis.example.az', 'localhost'));
    expect(messageIdFor('certificate-issued:43', 'https://themis.example.az')).not.toBe(id);
  });
});

describe(outboxFileName.name, () => {
  it('names one file per event, sortable by the time it was queued', () => {
    const a = outboxFileName('password-reset:1', '2026-12-02T06:30:05.123Z');
    expect(a).toMatch(/^20261202T063005Z-[0-9a-f]{16}\.eml$/);
    expect(a).toMatch(OUTBOX_FILE);
    expect(outboxFileName('password-reset:1', '2026-12-02T06:30:05.123Z')).toBe(a);
    expect(outboxFileName('password-reset:2', '2026-12-02T06:30:05.123Z')).not.toBe(a);
    expect(OUTBOX_FILE.test('../etc/passwd')).toBe(false);
  });
});

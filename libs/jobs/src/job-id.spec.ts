import { jobIdFor } from './job-id';

describe(jobIdFor.name, () => {
  it('gives one UUID per queue and key, and different ones for different keys or queues', () => {
    const id = jobIdFor('mail', 'certificate-issued:1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdFor('mail', 'certificate-issued:1')).toBe(id);
    expect(jobIdFor('mail', 'certificate-issued:2')).not.toBe(id);
    expect(jobIdFor('pdf', 'certificate-issued:1')).not.toBe(id);
  });
});

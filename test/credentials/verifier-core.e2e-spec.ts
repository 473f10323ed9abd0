import request from 'supertest';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certify, ldpCredential } from './credential-support';

// verifier-core is an ES module: a native import(), as in libs/certification/src/credentials/linked-data.ts (see there for the suffix).
const importEsm = new Function('s', `return import(s); // ${process.hrtime.bigint()}`) as (s: string) => Promise<{ verifyCredential(o: object): Promise<VerifierResult> }>;

interface VerifierResult {
  log?: { id: string; valid?: boolean; error?: { name: string; message: string } }[];
  errors?: { name: string; message: string }[];
}
const step = (r: VerifierResult, id: string) => r.log?.find((s) => s.id === id);

/**
 * The Digital Credentials Consortium's verifier, as the Learner Credential Wallet runs it. Here PUBLIC_URL is
 * plain http (the test server), so the issuer is a did:key and the status list is fetched from this server.
 * It checks the first status entry only, which is the Bitstring one.
 */
describe('Verified by @digitalcredentials/verifier-core', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  it('reads a fresh credential as validly signed, unexpired and not revoked', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Гюльнара Алиева' });
    const credential = await ldpCredential(t, learner, await certify(t, admin, learner));
    expect(credential.issuer.id).toMatch(/^did:key:z6Mk/);
    const { verifyCredential } = await importEsm('@digitalcredentials/verifier-core');
    const result = await verifyCredential({ credential, knownDIDRegistries: [] });
    expect(result.errors).toBeUndefined();
    expect(step(result, 'valid_signature')?.valid).toBe(true);
    expect(step(result, 'expiration')?.valid).toBe(true);
    expect(step(result, 'revocation_status')).toMatchObject({ valid: true });
  });

  it('refuses a tampered credential as invalidly signed', async () => {
    const learner = await loginAs(t);
    const credential = await ldpCredential(t, learner, await certify(t, admin, learner));
    const tampered = { ...credential, credentialSubject: { ...credential.credentialSubject, name: 'Someone Else' } };
    const { verifyCredential } = await importEsm('@digitalcredentials/verifier-core');
    const result = await verifyCredential({ credential: tampered, knownDIDRegistries: [] });
    // A bad signature is fatal in verifier-core: no step log, one error.
    expect(result.log).toBeUndefined();
    expect(result.errors).toEqual([expect.objectContaining({ name: 'invalid_signature', message: 'The signature is not valid.' })]);
  });

  it('reads a credential revoked by an admin as revoked', async () => {
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    const credential = await ldpCredential(t, learner, code);
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'Revoked for the test' }).expect(200);
    const { verifyCredential } = await importEsm('@digitalcredentials/verifier-core');
    const result = await verifyCredential({ credential, knownDIDRegistries: [] });
    expect(step(result, 'valid_signature')?.valid).toBe(true);
    expect(step(result, 'revocation_status')).toMatchObject({ valid: false });
  });
});

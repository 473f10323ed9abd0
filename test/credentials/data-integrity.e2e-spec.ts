import request from 'supertest';
import { linkedData } from '@themis/certification';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certify, ldpCredential, offlineLoader } from './credential-support';

/** Verifies with digitalbazaar's own libraries and nothing but bundled documents: what an offline verifier does. */
async function verifyOffline(t: TestApp, credential: Record<string, any>) {
  const { vc, DataIntegrityProof, cryptosuite, statusList } = await linkedData();
  const documentLoader = await offlineLoader(t, credential);
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({ credential, suite, documentLoader, checkStatus: statusList.checkStatus });
}

describe('Open Badges 3.0 credential with a Data Integrity proof', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://themis.example.az' } });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  it('is signed eddsa-rdfc-2022 by the did:web issuer, and verifies offline', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Aytən Məmmədova', barNumber: 'DI-1' });
    const code = await certify(t, admin, learner);
    const credential = await ldpCredential(t, learner, code);
    expect(credential.issuer.id).toBe('did:web:themis.example.az');
    expect(credential.proof).toEqual([expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: 'did:web:themis.example.az#key-1' })]);
    expect(credential.credentialStatus[0]).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(credential.credentialSubject.name).toBe('Aytən Məmmədova');
    const result = await verifyOffline(t, credential);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    expect(result.statusResult.results[0].status).toBe(false);
  });

  it('does not verify once a field is changed', async () => {
    const learner = await loginAs(t);
    const credential = await ldpCredential(t, learner, await certify(t, admin, learner));
    const tampered = { ...credential, credentialSubject: { ...credential.credentialSubject, creditsEarned: 200 } };
    expect((await verifyOffline(t, credential)).verified).toBe(true);
    const result = await verifyOffline(t, tampered);
    expect(result.verified).toBe(false);
    expect(JSON.stringify(result.error)).toContain('Invalid signature');
  });

  it('reads revoked in the status list as soon as the admin revocation has answered', async () => {
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    const credential = await ldpCredential(t, learner, code);
    await request(t.url).post(`/api/v1/admin/certificates/${code}/revocation`).set(admin.auth).send({ reason: 'Completion obtained by fraud' }).expect(200);
    const result = await verifyOffline(t, credential);
    expect(result.verified).toBe(true);
    expect(result.statusResult.verified).toBe(true);
    expect(result.statusResult.results[0].status).toBe(true);
    const revocations = await request(t.url).get('/api/v1/credentials/revocations').expect(200);
    expect(revocations.body).toMatchObject({ issuer: 'did:web:themis.example.az' });
    expect(revocations.body.revokedCredentials).toEqual(expect.arrayContaining([{ id: credential.id, revocationReason: 'Completion obtained by fraud' }]));
  });

  it('answers 400 naming format for an unknown format, and the JWT form without one', async () => {
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    const bad = await request(t.url).get(`/api/v1/certificates/${code}/credential?format=mso_mdoc`).set(learner.auth).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('format');
    const jwt = await request(t.url).get(`/api/v1/certificates/${code}/credential`).set(learner.auth).expect(200);
    expect(jwt.body.format).toBe('jwt_vc_json');
    const other = await loginAs(t);
    await request(t.url).get(`/api/v1/certificates/${code}/credential?format=ldp_vc`).set(other.auth).expect(404);
  });
});

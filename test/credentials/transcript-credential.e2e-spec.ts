import request from 'supertest';
import { linkedData } from '@themis/certification';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certify, offlineLoader } from './credential-support';

describe('Transcript as a Comprehensive Learner Record 2.0 credential', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://themis.example.az' } });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  it('holds every certificate of the learner as its own signed credential, and verifies offline as a whole and in part', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Leyla Həsənova' });
    const code = await certify(t, admin, learner);
    const other = await loginAs(t);
    await certify(t, admin, other);
    const res = await request(t.url).get('/api/v1/me/transcript/credential').set(learner.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const clr = JSON.parse(res.text);
    expect(clr['@context']).toContain('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json');
    expect(clr).toMatchObject({ type: ['VerifiableCredential', 'ClrCredential'], issuer: { id: 'did:web:themis.example.az' }, credentialSubject: { type: ['ClrSubject'], id: `urn:uuid:${learner.id}` } });
    const inner = clr.credentialSubject.verifiableCredential;
    expect(inner.map((c: { id: string }) => c.id)).toEqual([`https://themis.example.az/verify/${code}`]);

    const { vc, DataIntegrityProof, cryptosuite, statusList } = await linkedData();
    const suite = new DataIntegrityProof({ cryptosuite });
    const whole = await vc.verifyCredential({ credential: clr, suite, documentLoader: await offlineLoader(t, inner[0]) });
    expect(whole.error).toBeUndefined();
    expect(whole.verified).toBe(true);
    const part = await vc.verifyCredential({ credential: inner[0], suite, documentLoader: await offlineLoader(t, inner[0]), checkStatus: statusList.checkStatus });
    expect(part.verified).toBe(true);

    const changed = { ...clr, credentialSubject: { ...clr.credentialSubject, verifiableCredential: [] } };
    expect((await vc.verifyCredential({ credential: changed, suite, documentLoader: await offlineLoader(t, inner[0]) })).verified).toBe(false);
  });

  it('is an empty record for a learner without certificates, and asks to sign in otherwise', async () => {
    const learner = await loginAs(t);
    await new LearnerPath(t, learner).enroll('path-course');
    const clr = JSON.parse((await request(t.url).get('/api/v1/me/transcript/credential').set(learner.auth).expect(200)).text);
    expect(clr.credentialSubject.verifiableCredential).toEqual([]);
    await request(t.url).get('/api/v1/me/transcript/credential').expect(401);
  });
});

describe('Credential downloads on the pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('links each certificate and the transcript to their signed JSON-LD files, served under the session cookie', async () => {
    const admin = await loginAs(t, 'admin');
    const learner = await loginAs(t);
    const code = await certify(t, admin, learner);
    const cookie = `themis_session=${learner.token}`;
    const dashboard = await request(t.url).get('/dashboard').set('Cookie', cookie).set('Accept-Language', 'en').expect(200);
    expect(dashboard.text).toContain(`href="/certificates/${code}.jsonld"`);
    expect(dashboard.text).toContain('Download for a wallet (Open Badges 3.0)');
    const file = await request(t.url).get(`/certificates/${code}.jsonld`).set('Cookie', cookie).expect(200);
    expect(file.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="themis-certificate-${code}.jsonld"`);
    expect(JSON.parse(file.text)).toMatchObject({ id: `${t.config.publicUrl}/verify/${code}`, proof: [expect.objectContaining({ cryptosuite: 'eddsa-rdfc-2022' })] });
    const page = await request(t.url).get('/transcript').set('Cookie', cookie).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('href="/transcript.jsonld"');
    const transcript = await request(t.url).get('/transcript.jsonld').set('Cookie', cookie).expect(200);
    expect(JSON.parse(transcript.text).type).toEqual(['VerifiableCredential', 'ClrCredential']);
  });
});

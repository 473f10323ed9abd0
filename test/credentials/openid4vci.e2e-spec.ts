import * as net from 'node:net';
import request from 'supertest';
import { bundledDocumentLoader, issuerDocuments, issuerIdentity, joseCallbacks, linkedData, openid4vc } from '@themis/certification';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certify } from './credential-support';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An offline verifier's loader for a did:key issuer (http PUBLIC_URL): the key from the JWKS, the status list fetched once. */
async function didKeyLoader(t: TestApp, credential: Record<string, any>) {
  const jwk = (await request(t.url).get('/.well-known/jwks.json').expect(200)).body.keys[0];
  const identity = issuerIdentity(t.config.publicUrl, Buffer.from(jwk.x, 'base64url'));
  expect(credential.issuer.id).toBe(identity.did);
  const list = credential.credentialStatus[0].statusListCredential;
  return bundledDocumentLoader(new Map<string, unknown>([...issuerDocuments(identity), [list, JSON.parse((await request(t.url).get(new URL(list).pathname).expect(200)).text)]]));
}

/** A wallet: @openid4vc/openid4vci's own client, which fetches everything over HTTP from the offer on. */
async function wallet() {
  const lib = await openid4vc();
  lib.setGlobalConfig({ allowInsecureUrls: true }); // the test server is http://127.0.0.1
  return new lib.Openid4vciClient({ callbacks: { ...joseCallbacks(), clientAuthentication: lib.clientAuthenticationAnonymous() } });
}

describe('OpenID4VCI: a certificate into a wallet (pre-authorized code flow)', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let learner: SignedInUser;
  let code: string;

  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({ port, env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    admin = await loginAs(t, 'admin');
    learner = await loginAs(t, 'learner', { fullName: 'Гюльнара Алиева' });
    code = await certify(t, admin, learner);
  }, 120_000);
  afterAll(() => t.close());

  const newOffer = async (who = learner, c = code) => (await request(t.url).post(`/api/v1/certificates/${c}/credential-offer`).set(who.auth).expect(201)).body;

  it('publishes credential issuer and authorization server metadata', async () => {
    const issuer = await request(t.url).get('/.well-known/openid-credential-issuer').expect(200);
    expect(issuer.body).toMatchObject({ credential_issuer: t.url, credential_endpoint: `${t.url}/api/v1/oid4vci/credential`, credential_configurations_supported: { OpenBadgeCredential_ldp_vc: { format: 'ldp_vc' } } });
    const as = await request(t.url).get('/.well-known/oauth-authorization-server').expect(200);
    expect(as.body).toMatchObject({ issuer: t.url, token_endpoint: `${t.url}/api/v1/oid4vci/token`, 'pre-authorized_grant_anonymous_access_supported': true });
  });

  it('hands the credential to the wallet, which verifies; the pre-authorized code is refused the second time', async () => {
    const { credentialOffer, expiresAt } = await newOffer();
    expect(credentialOffer).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
    const client = await wallet();
    const offer = await client.resolveCredentialOffer(credentialOffer);
    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata });
    const { credentialResponse } = await client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: offer.credential_configuration_ids[0] });
    const credential = credentialResponse.credentials[0].credential;
    expect(credential).toMatchObject({ id: `${t.url}/verify/${code}`, credentialSubject: { name: 'Гюльнара Алиева' } });
    const { vc, DataIntegrityProof, cryptosuite, statusList } = await linkedData();
    const verified = await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: await didKeyLoader(t, credential), checkStatus: statusList.checkStatus });
    expect(verified.error).toBeUndefined();
    expect(verified.verified).toBe(true);

    const again = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata }).catch((e: { errorResponse?: { error: string } }) => e);
    expect(again.errorResponse).toMatchObject({ error: 'invalid_grant' });
  }, 60_000);

  it('stores the code only hashed, and refuses an unknown code, an expired one, and a forged access token', async () => {
    const { credentialOffer } = await newOffer();
    const preAuthorized = JSON.parse(new URL(credentialOffer).searchParams.get('credential_offer')!).grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'];
    const stored = await t.db.query(`SELECT code_sha256 FROM credential_offers`);
    expect(JSON.stringify(stored)).not.toContain(preAuthorized);
    const token = (c: string) => request(t.url).post('/api/v1/oid4vci/token').type('form').send({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': c });
    expect((await token('not-a-code').expect(400)).body).toMatchObject({ error: 'invalid_grant' });
    await t.db.query(`UPDATE credential_offers SET expires_at = now() - interval '1 second' WHERE redeemed_at IS NULL`);
    expect((await token(preAuthorized).expect(400)).body).toMatchObject({ error: 'invalid_grant' });
    const forged = await request(t.url).post('/api/v1/oid4vci/credential').set('Authorization', 'Bearer eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.AAAA').send({ credential_configuration_id: 'OpenBadgeCredential_ldp_vc' });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ error: 'invalid_token' });
  });

  it('offers only the holder’s own certificate', async () => {
    const other = await loginAs(t);
    await request(t.url).post(`/api/v1/certificates/${code}/credential-offer`).set(other.auth).expect(404);
    await request(t.url).post(`/api/v1/certificates/${code}/credential-offer`).expect(401);
  });
});

import request from 'supertest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { loadConfig } from '@themis/core';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certify, ldpCredential } from './credential-support';

describe('Credential issuer and JWT form', () => {
  describe('with an https PUBLIC_URL and CREDENTIAL_JWT_ALG=RS256', () => {
    let t: TestApp;
    let admin: SignedInUser;
    beforeAll(async () => {
      t = await createTestApp({ env: { PUBLIC_URL: 'https://cle.example.az:8443/themis', CREDENTIAL_JWT_ALG: 'RS256' } });
      admin = await loginAs(t, 'admin');
    });
    afterAll(() => t.close());

    it('signs the JWT RS256 with the Open Badges claims, naming the same did:web issuer as the Data Integrity form', async () => {
      const learner = await loginAs(t);
      const code = await certify(t, admin, learner);
      const res = await request(t.url).get(`/api/v1/certificates/${code}/credential?format=jwt_vc_json`).set(learner.auth).expect(200);
      const did = 'did:web:cle.example.az%3A8443:themis';
      const header = decodeProtectedHeader(res.body.jwt);
      expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.stringMatching(new RegExp(`^${did}#`)) });
      const jwks = await request(t.url).get('/.well-known/jwks.json').expect(200);
      const { payload } = await jwtVerify(res.body.jwt, createLocalJWKSet(jwks.body), { algorithms: ['RS256'] });
      const vc = payload.vc as Record<string, any>;
      expect(payload).toMatchObject({ iss: did, sub: vc.credentialSubject.id, jti: vc.id, nbf: Math.floor(Date.parse(vc.validFrom) / 1000) });
      expect(vc.issuer.id).toBe(did);
      expect((await ldpCredential(t, learner, code)).issuer.id).toBe(did);
      const check = await request(t.url).post('/api/v1/verify/credential').send({ jwt: res.body.jwt }).expect(200);
      expect(check.body).toMatchObject({ signatureValid: true, certificate: { code, status: 'valid' } });
    });

    it('serves the DID document with both keys as assertion methods', async () => {
      const did = (await request(t.url).get('/.well-known/did.json').expect(200)).body;
      expect(did.id).toBe('did:web:cle.example.az%3A8443:themis');
      expect(did.verificationMethod.map((m: { type: string }) => m.type)).toEqual(['Multikey', 'JsonWebKey2020']);
      expect(did.assertionMethod).toEqual(did.verificationMethod.map((m: { id: string }) => m.id));
      const jwks = (await request(t.url).get('/.well-known/jwks.json').expect(200)).body;
      expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(did.assertionMethod);
    });
  });

  describe('with an http PUBLIC_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('is a did:key with no DID document to serve, and signs the JWT EdDSA by default', async () => {
      await request(t.url).get('/.well-known/did.json').expect(404);
      const admin = await loginAs(t, 'admin');
      const learner = await loginAs(t);
      const code = await certify(t, admin, learner);
      const res = await request(t.url).get(`/api/v1/certificates/${code}/credential`).set(learner.auth).expect(200);
      const { payload, protectedHeader } = await jwtVerify(res.body.jwt, createLocalJWKSet((await request(t.url).get('/.well-known/jwks.json')).body));
      expect(protectedHeader.alg).toBe('EdDSA');
      expect(payload.iss).toMatch(/^did:key:z6Mk/);
      expect(protectedHeader.kid).toBe(`${payload.iss}#${String(payload.iss).slice('did:key:'.length)}`);
      expect((await ldpCredential(t, learner, code)).issuer.id).toBe(payload.iss);
    });
  });

  it('refuses a CREDENTIAL_JWT_ALG other than EdDSA or RS256 at start', () => {
    expect(() => loadConfig({ CREDENTIAL_JWT_ALG: 'HS256' })).toThrow(/CREDENTIAL_JWT_ALG/);
    expect(loadConfig({}).credentialJwtAlg).toBe('EdDSA');
  });
});

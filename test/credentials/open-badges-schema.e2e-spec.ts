import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { certify, ldpCredential } from './credential-support';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'schemas', 'ob_v3p0_achievementcredential_schema.json'), 'utf8'));

function validator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('1EdTech Open Badges 3.0 JSON Schema for AchievementCredential', () => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://themis.example.az' } });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  /**
   * One known divergence: this schema types `credentialStatus` as one object, and Themis lists two entries
   * (the W3C Bitstring one first, then 1EdTech's revocation list), which the VC 2.0 data model allows.
   * Everything else must pass, and each status entry on its own must pass the schema's CredentialStatus.
   */
  it('accepts both forms of an issued credential, credentialStatus aside', async () => {
    const learner = await loginAs(t, 'learner', { fullName: 'Aytən Məmmədova', barNumber: 'SCHEMA-1' });
    const code = await certify(t, admin, learner);
    const jwt = await request(t.url).get(`/api/v1/certificates/${code}/credential`).set(learner.auth).expect(200);
    for (const credential of [await ldpCredential(t, learner, code), jwt.body.credential]) {
      const validate = validator();
      validate(credential);
      expect(validate.errors).toEqual([expect.objectContaining({ instancePath: '/credentialStatus', keyword: 'type', params: { type: 'object' } })]);
      for (const entry of credential.credentialStatus) {
        const one = validator();
        expect(one({ ...credential, credentialStatus: entry })).toBe(true);
      }
    }
  });

  it('refuses a credential that lacks what the standard requires', async () => {
    const learner = await loginAs(t);
    const credential = await ldpCredential(t, learner, await certify(t, admin, learner));
    const validate = validator();
    const withoutValidFrom: Record<string, unknown> = { ...credential, credentialStatus: credential.credentialStatus[0] };
    delete withoutValidFrom.validFrom;
    expect(validate(withoutValidFrom)).toBe(false);
    expect(validate.errors).toEqual([expect.objectContaining({ keyword: 'required', params: { missingProperty: 'validFrom' } })]);
  });
});

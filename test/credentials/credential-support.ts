import request from 'supertest';
import { bundledDocumentLoader } from '@themis/certification';
import { LearnerPath, SignedInUser, TestApp } from '@themis/testing';

export const COURSE = 'path-course';

/** Walks a learner through path-course (both lessons, the quiz) and answers the certificate code. */
export async function certify(t: TestApp, admin: SignedInUser, learner: SignedInUser): Promise<string> {
  const path = new LearnerPath(t, learner);
  await path.enroll(COURSE);
  await path.completeAllLessons(COURSE);
  await path.passQuiz(COURSE, 'basics-quiz', admin);
  const mine = await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200);
  return mine.body[0].code;
}

/** The Data Integrity form of a certificate, as its holder downloads it. */
export async function ldpCredential(t: TestApp, learner: SignedInUser, code: string): Promise<Record<string, any>> {
  const res = await request(t.url).get(`/api/v1/certificates/${code}/credential?format=ldp_vc`).set(learner.auth).expect(200);
  expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
  return JSON.parse(res.text);
}

/**
 * What a verifier holds after fetching the issuer's DID document and the status list once: a document
 * loader over those and the bundled contexts, which refuses every other URL (no network while verifying).
 */
export async function offlineLoader(t: TestApp, credential: Record<string, any>) {
  const docs = new Map<string, unknown>();
  const did = (await request(t.url).get('/.well-known/did.json').expect(200)).body;
  docs.set(did.id, did);
  for (const vm of did.verificationMethod) docs.set(vm.id, { '@context': 'https://w3id.org/security/multikey/v1', ...vm });
  const entry = credential.credentialStatus[0];
  const listPath = new URL(entry.statusListCredential).pathname;
  docs.set(entry.statusListCredential, JSON.parse((await request(t.url).get(listPath).expect(200)).text));
  return bundledDocumentLoader(docs);
}

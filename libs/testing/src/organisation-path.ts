import request from 'supertest';
import { SignedInUser, TestApp } from './test-app';

/** An organisation created by an admin, with a key acting for it. */
export async function createOrganisation(t: TestApp, admin: SignedInUser, name = 'Azerbaijan Bar Association', timeZone?: string): Promise<{ id: string; apiKey: string }> {
  const org = await request(t.url).post('/api/v1/admin/organisations').set(admin.auth).send({ name, ...(timeZone ? { timeZone } : {}) }).expect(201);
  const key = await request(t.url).post('/api/v1/admin/verifiers').set(admin.auth).send({ name: `${name} key`, organisationId: org.body.id }).expect(201);
  return { id: org.body.id, apiKey: key.body.apiKey };
}

export function uploadRoster(t: TestApp, org: { id: string; apiKey: string }, csv: string | Buffer): request.Test {
  return request(t.url).put(`/api/v1/organisations/${org.id}/roster`).set('X-Api-Key', org.apiKey).set('Content-Type', 'text/csv').send(Buffer.isBuffer(csv) ? csv : Buffer.from(csv));
}

/** The learner claims the bar number; answers the membership as the API does. */
export function claimMembership(t: TestApp, learner: SignedInUser, organisationId: string, barNumber: string): request.Test {
  return request(t.url).post('/api/v1/me/memberships').set(learner.auth).send({ organisationId, barNumber });
}

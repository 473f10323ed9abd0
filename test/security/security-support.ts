import * as yazl from 'yazl';
import request from 'supertest';
import { LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';

/** The routes Express actually serves after boot, as "METHOD /path". */
export function routeTable(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)!.stack;
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) if (method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return [...routes].sort();
}
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** A learner who finished the fixture course through the API, and so holds its certificate. */
export async function certifiedLearner(t: TestApp, keyReader: SignedInUser, overrides: { barNumber?: string; fullName?: string } = {}): Promise<SignedInUser> {
  const learner = await loginAs(t, 'learner', overrides);
  const path = new LearnerPath(t, learner);
  await path.enroll('path-course');
  await path.completeAllLessons('path-course');
  await path.passQuiz('path-course', 'basics-quiz', keyReader);
  const certs = await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200);
  if (certs.body.length !== 1) throw new Error(`expected one certificate, got ${JSON.stringify(certs.body)}`);
  return learner;
}

/** Course YAML whose aliases expand exponentially: 9 levels of 10 make a billion nodes. */
export const ALIAS_BOMB_YAML = [
  'title: &a0 [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 8 }, (_, i) => `l${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
  'summary: S', 'audience: [judge]', 'cleHours: {ethics: 1}', 'modules: [m]', '',
].join('\n');

export const zipOf = (files: Record<string, string>): Promise<Buffer> => {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
  });
};

import request from 'supertest';
import { createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';

/**
 * Issue 20, item 5: the three upload forms carried the CSRF token in their action URL, where it
 * lands in logs, history and Referer headers. It travels in the multipart body (or a header) now,
 * and a token in the URL is not accepted.
 */
describe('CSRF tokens on upload forms', () => {
  let t: TestApp;
  let trainer: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    trainer = await loginAs(t, 'trainer');
    await request(t.url).post('/api/v1/author/courses/path-course/draft').set(trainer.auth).expect(201);
  });
  afterAll(() => t.close());

  const cookiesOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!);
  /** The page's upload form as a browser sees it: the cookie jar and the form's action and hidden token. */
  async function uploadForm(page: string, user?: SignedInUser, field?: string) {
    const session = user ? `themis_session=${user.token}` : '';
    const res = await request(t.url).get(page).set('Cookie', session).expect(200);
    // A page may hold several upload forms (the quiz page: GIFT and Moodle XML): the one with the field.
    const form = [...res.text.matchAll(/<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/g)].find((f) => !field || f[2]!.includes(`name="${field}"`));
    if (!form) throw new Error(`no upload form on ${page}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form[2]!)?.[1];
    const cookie = [session, ...cookiesOf(res)].filter(Boolean).join('; ');
    return { action: form[1]!.replace(/&amp;/g, '&'), token, cookie };
  }

  const FORMS: [string, string, string, boolean][] = [
    ['/verify', 'document', 'certificate.pdf', false],
    ['/staff/authoring', 'archive', 'course.zip', true],
    ['/staff/authoring/path-course/quizzes/basics-quiz', 'gift-file', 'questions.gift', true],
    ['/staff/authoring/path-course/quizzes/basics-quiz', 'moodle-xml-file', 'questions.xml', true],
  ];

  it.each(FORMS)('keeps the token out of the action URL of the upload form on %s (%s), in a hidden field', async (page, field, _name, signedIn) => {
    const { action, token } = await uploadForm(page, signedIn ? trainer : undefined, field);
    expect(action).not.toMatch(/csrf/i);
    expect(token).toBeTruthy();
  });

  it.each(FORMS)('accepts the token in the multipart body on %s (%s)', async (page, field, name, signedIn) => {
    const { action, token, cookie } = await uploadForm(page, signedIn ? trainer : undefined, field);
    const res = await request(t.url).post(action).set('Cookie', cookie).redirects(0).field('_csrf', token!).attach(field, Buffer.from('not much'), name);
    expect(res.status).not.toBe(403);
    expect(res.status).toBeLessThan(500);
  });

  it.each(FORMS)('refuses the upload on %s (%s) with the token in the URL only, or with none (403)', async (page, field, name, signedIn) => {
    const { action, token, cookie } = await uploadForm(page, signedIn ? trainer : undefined, field);
    const inUrl = await request(t.url).post(`${action}?_csrf=${encodeURIComponent(token!)}`).set('Cookie', cookie).redirects(0).attach(field, Buffer.from('x'), name);
    expect(inUrl.status).toBe(403);
    const none = await request(t.url).post(action).set('Cookie', cookie).redirects(0).attach(field, Buffer.from('x'), name);
    expect(none.status).toBe(403);
  });

  it('accepts the token in the X-Csrf-Token header, for scripts', async () => {
    const { action, token, cookie } = await uploadForm('/verify');
    const res = await request(t.url).post(action).set('Cookie', cookie).set('X-Csrf-Token', token!).attach('document', Buffer.from('%PDF-1.4'), 'x.pdf');
    expect(res.status).toBe(200);
  });
});

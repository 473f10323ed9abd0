import request from 'supertest';
import { SessionService, UsersService, VerifiersService } from '@themis/identity';
import { OrganisationsService } from '@themis/organisations';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TEST_PASSWORD, TestApp, uniqueEmail } from '@themis/testing';
import { certifiedLearner, routeTable } from './security-support';

/**
 * ASVS V8 (authorization): every route the application serves × every kind of caller, with
 * the status each must get. The route list is read from Express's router after boot, so a
 * route added without a row here fails the first test.
 */
// Every route × six callers, one request at a time: on a busy 2-core runner this outlasts the default 60 s.
jest.setTimeout(300_000);

type Actor = 'anonymous' | 'learner' | 'otherLearner' | 'trainer' | 'admin' | 'verifier';
const ACTORS: Actor[] = ['anonymous', 'verifier', 'otherLearner', 'trainer', 'learner', 'admin'];

interface Fixtures {
  t: TestApp;
  users: Record<'learner' | 'otherLearner' | 'trainer' | 'admin', SignedInUser>;
  apiKey: string;
  code: string;
  revocable: string;
  revocableByPage: string;
  reissuableByPage: string;
  reissuable: string;
  submittedAttempt: string;
  openAttempt: string;
  credentialJwt: string;
  pdf: Buffer;
  barNumber: string;
}

interface Call {
  path: string;
  body?: unknown;
  pdf?: Buffer;
  /** A token to call with instead of the actor's own: for routes that end sessions or change the account. */
  token?: string;
}

interface Row {
  call: (f: Fixtures, actor: Actor) => Call | Promise<Call>;
  expect: Record<Actor, number>;
}

/** Same status for every caller. */
const all = (status: number): Record<Actor, number> => ({ anonymous: status, verifier: status, learner: status, otherLearner: status, trainer: status, admin: status });
/** Any signed-in user; nobody else. */
const signedIn = (status: number): Record<Actor, number> => ({ anonymous: 401, verifier: 401, learner: status, otherLearner: status, trainer: status, admin: status });
const adminOnly = (status: number): Record<Actor, number> => ({ anonymous: 401, verifier: 401, learner: 403, otherLearner: 403, trainer: 403, admin: status });
const staffOnly = (status: number): Record<Actor, number> => ({ anonymous: 401, verifier: 401, learner: 403, otherLearner: 403, trainer: status, admin: status });
const verifierOnly = (status: number): Record<Actor, number> => ({ anonymous: 401, verifier: status, learner: 401, otherLearner: 401, trainer: 401, admin: 401 });
/** The learner's own record: everyone else signed in is told it does not exist. */
const ownerOnly = (status: number): Record<Actor, number> => ({ anonymous: 401, verifier: 401, learner: status, otherLearner: 404, trainer: 404, admin: 404 });
/** Pages: an anonymous visitor is sent to sign in (303) instead of a 401. */
const page = (m: Record<Actor, number>): Record<Actor, number> => Object.fromEntries(Object.entries(m).map(([a, s]) => [a, s === 401 ? 303 : s])) as Record<Actor, number>;

const COURSE = 'path-course';
const LESSON = 'lesson-one';
const QUIZ = 'basics-quiz';
const EDITED = 'timed-course';
const EDITED_LESSON = 'only-lesson';
const EDITED_QUIZ = 'only-quiz';

const newVerifier = async (f: Fixtures) => (await f.t.app.get(VerifiersService).create({ name: `Bar ${uniqueEmail()}` })).id;
const newUser = async (f: Fixtures) => (await f.t.app.get(UsersService).createByAdmin({ email: uniqueEmail('target'), password: 'a-long-test-password', fullName: 'Target', role: 'learner', profession: 'judge' })).id;

const isUser = (actor: Actor): actor is 'learner' | 'otherLearner' | 'trainer' | 'admin' => actor !== 'anonymous' && actor !== 'verifier';
/** A second session of the actor's own account (sign-out ends it, not the one the other rows use). */
const freshSession = async (f: Fixtures, actor: Actor) => {
  if (!isUser(actor)) return undefined;
  const u = f.users[actor];
  return (await f.t.app.get(SessionService).start({ id: u.id, role: actor === 'otherLearner' ? 'learner' : actor, fullName: 'x' })).accessToken;
};
/** A new account of the actor's role (password TEST_PASSWORD), for routes that end every session or close the account. */
const spareAccount = async (f: Fixtures, actor: Actor) => (isUser(actor) ? (await loginAs(f.t, actor === 'otherLearner' || actor === 'learner' ? 'learner' : actor)).token : undefined);
const NO_TOKEN = 'x'.repeat(43);
// Organisations (issue 14): an organisation's routes answer its key or its clerks (accreditors), nobody else.
let orgId: string | undefined;
const anOrg = async (f: Fixtures) => (orgId ??= (await f.t.app.get(OrganisationsService).create({ name: 'Matrix Bar' })).id);
const deployedVersion = async (f: Fixtures) => (await f.t.db.query(`SELECT v.id FROM course_versions v JOIN courses c ON c.id = v.course_id WHERE c.slug = $1 AND v.version = 1`, [COURSE]))[0].id as string;
const ANY_ID = '00000000-0000-4000-8000-000000000001';
const orgOnly = (status: number): Record<Actor, number> => ({ anonymous: 401, verifier: 403, learner: status, otherLearner: status, trainer: status, admin: status });
const orgPage: Record<Actor, number> = { anonymous: 303, verifier: 303, learner: 403, otherLearner: 403, trainer: 403, admin: 403 };

const ROUTES: Record<string, Row> = {
  'GET /health': { call: () => ({ path: '/health' }), expect: all(200) },

  // Accounts
  'POST /api/v1/auth/register': { call: () => ({ path: '/api/v1/auth/register', body: { email: uniqueEmail('reg'), password: 'a-long-test-password', fullName: 'New Learner', profession: 'judge' } }), expect: all(201) },
  'POST /api/v1/auth/login': { call: (f) => ({ path: '/api/v1/auth/login', body: { email: f.users.otherLearner.email, password: f.users.otherLearner.password } }), expect: all(200) },
  'GET /api/v1/me': { call: () => ({ path: '/api/v1/me' }), expect: signedIn(200) },
  'PATCH /api/v1/me': { call: () => ({ path: '/api/v1/me', body: { locale: 'en' } }), expect: signedIn(200) },
  'GET /api/v1/me/progress': { call: () => ({ path: '/api/v1/me/progress' }), expect: signedIn(200) },
  // Always the caller's own transcript: the route takes no user.
  'GET /api/v1/me/transcript': { call: () => ({ path: '/api/v1/me/transcript' }), expect: signedIn(200) },
  'POST /api/v1/admin/users': { call: () => ({ path: '/api/v1/admin/users', body: { email: uniqueEmail('made'), password: 'a-long-test-password', fullName: 'Made By Admin', role: 'trainer' } }), expect: adminOnly(201) },
  'GET /api/v1/admin/users': { call: () => ({ path: '/api/v1/admin/users' }), expect: adminOnly(200) },
  'POST /api/v1/admin/verifiers': { call: () => ({ path: '/api/v1/admin/verifiers', body: { name: 'Nakhchivan Bar' } }), expect: adminOnly(201) },
  'GET /api/v1/admin/verifiers': { call: () => ({ path: '/api/v1/admin/verifiers' }), expect: adminOnly(200) },
  'POST /api/v1/auth/logout': { call: async (f, a) => ({ path: '/api/v1/auth/logout', token: await freshSession(f, a) }), expect: signedIn(204) },
  'POST /api/v1/auth/login/mfa': { call: () => ({ path: '/api/v1/auth/login/mfa', body: { mfaToken: NO_TOKEN, code: '123456' } }), expect: all(401) },
  'POST /api/v1/auth/password-reset': { call: () => ({ path: '/api/v1/auth/password-reset', body: { email: uniqueEmail('forgot') } }), expect: all(202) },
  'POST /api/v1/auth/password-reset/confirm': { call: () => ({ path: '/api/v1/auth/password-reset/confirm', body: { token: NO_TOKEN, password: 'amber-glacier-violin-63' } }), expect: all(400) },
  'POST /api/v1/auth/email-confirmation': { call: () => ({ path: '/api/v1/auth/email-confirmation', body: { token: NO_TOKEN } }), expect: all(400) },
  'POST /api/v1/me/password': { call: async (f, a) => ({ path: '/api/v1/me/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'amber-glacier-violin-63' }, token: await spareAccount(f, a) }), expect: signedIn(200) },
  'POST /api/v1/me/email-change': { call: async (f, a) => ({ path: '/api/v1/me/email-change', body: { email: uniqueEmail('moved'), currentPassword: TEST_PASSWORD }, token: await spareAccount(f, a) }), expect: signedIn(202) },
  'DELETE /api/v1/me/sessions': { call: async (f, a) => ({ path: '/api/v1/me/sessions', token: await spareAccount(f, a) }), expect: signedIn(204) },
  'POST /api/v1/me/mfa/totp': { call: () => ({ path: '/api/v1/me/mfa/totp' }), expect: signedIn(201) },
  'POST /api/v1/me/mfa/totp/confirmation': { call: () => ({ path: '/api/v1/me/mfa/totp/confirmation', body: { code: 'ABCDEF' } }), expect: signedIn(400) },
  'GET /api/v1/me/data': { call: () => ({ path: '/api/v1/me/data' }), expect: signedIn(200) },
  'POST /api/v1/me/closure': { call: async (f, a) => ({ path: '/api/v1/me/closure', body: { currentPassword: TEST_PASSWORD }, token: await spareAccount(f, a) }), expect: signedIn(204) },
  'PUT /api/v1/admin/users/:id/role': { call: async (f) => ({ path: `/api/v1/admin/users/${await newUser(f)}/role`, body: { role: 'trainer' } }), expect: adminOnly(200) },
  'POST /api/v1/admin/users/:id/deactivation': { call: async (f) => ({ path: `/api/v1/admin/users/${await newUser(f)}/deactivation` }), expect: adminOnly(200) },
  'POST /api/v1/admin/users/:id/activation': { call: async (f) => ({ path: `/api/v1/admin/users/${await newUser(f)}/activation` }), expect: adminOnly(200) },
  'POST /api/v1/admin/users/:id/unlock': { call: async (f) => ({ path: `/api/v1/admin/users/${await newUser(f)}/unlock` }), expect: adminOnly(200) },
  'POST /api/v1/admin/users/:id/mfa-reset': { call: async (f) => ({ path: `/api/v1/admin/users/${await newUser(f)}/mfa-reset` }), expect: adminOnly(200) },
  'POST /api/v1/admin/users/:id/password-reset': { call: async (f) => ({ path: `/api/v1/admin/users/${await newUser(f)}/password-reset` }), expect: adminOnly(202) },
  'POST /api/v1/admin/verifiers/:id/revocation': { call: async (f) => ({ path: `/api/v1/admin/verifiers/${await newVerifier(f)}/revocation` }), expect: adminOnly(200) },

  // Learning
  'GET /api/v1/courses': { call: () => ({ path: '/api/v1/courses' }), expect: all(200) },
  'GET /api/v1/courses/:slug': { call: () => ({ path: `/api/v1/courses/${COURSE}` }), expect: all(200) },
  'POST /api/v1/courses/:slug/enrollment': { call: () => ({ path: `/api/v1/courses/${COURSE}/enrollment` }), expect: signedIn(200) },
  'PATCH /api/v1/courses/:slug/enrollment': { call: () => ({ path: `/api/v1/courses/${COURSE}/enrollment`, body: { language: 'en' } }), expect: signedIn(200) },
  'GET /api/v1/courses/:slug/lessons/:lesson': { call: () => ({ path: `/api/v1/courses/${COURSE}/lessons/${LESSON}` }), expect: signedIn(200) },
  'POST /api/v1/courses/:slug/lessons/:lesson/completion': { call: () => ({ path: `/api/v1/courses/${COURSE}/lessons/${LESSON}/completion` }), expect: signedIn(200) },
  'POST /api/v1/courses/:slug/quizzes/:quiz/attempts': { call: () => ({ path: `/api/v1/courses/${COURSE}/quizzes/${QUIZ}/attempts` }), expect: signedIn(201) },
  'POST /api/v1/attempts/:attemptId/submission': { call: (f) => ({ path: `/api/v1/attempts/${f.openAttempt}/submission`, body: { answers: [] } }), expect: ownerOnly(200) },
  'GET /api/v1/attempts/:attemptId': { call: (f) => ({ path: `/api/v1/attempts/${f.submittedAttempt}` }), expect: ownerOnly(200) },
  // Saving into a submitted attempt: 409 for its owner, not found for anyone else.
  'PUT /api/v1/attempts/:attemptId/answers': { call: (f) => ({ path: `/api/v1/attempts/${f.submittedAttempt}/answers`, body: { answers: [] } }), expect: ownerOnly(409) },
  'GET /api/v1/author/courses/:slug/quizzes/:quiz': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/quizzes/${QUIZ}` }), expect: staffOnly(200) },
  // A grant for a learner who is not enrolled: staff reach the check (403 not enrolled), everyone else is refused before it.
  'POST /api/v1/author/courses/:slug/quizzes/:quiz/grants': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/quizzes/${QUIZ}/grants`, body: { userId: '00000000-0000-4000-8000-000000000000', extraAttempts: 1, reason: 'Matrix' } }), expect: staffOnly(403) },

  // Certificates and verification
  'GET /api/v1/me/certificates': { call: () => ({ path: '/api/v1/me/certificates' }), expect: signedIn(200) },
  'GET /api/v1/certificates/:code/pdf': { call: (f) => ({ path: `/api/v1/certificates/${f.code}/pdf` }), expect: { ...ownerOnly(200), admin: 200 } },
  'GET /api/v1/certificates/:code/credential': { call: (f) => ({ path: `/api/v1/certificates/${f.code}/credential` }), expect: { ...ownerOnly(200), admin: 200 } },
  'POST /api/v1/verify/batch': { call: (f) => ({ path: '/api/v1/verify/batch', body: { codes: [f.code] } }), expect: verifierOnly(200) },
  'GET /api/v1/verify/holders/:barNumber': { call: (f) => ({ path: `/api/v1/verify/holders/${f.barNumber}` }), expect: verifierOnly(200) },
  'POST /api/v1/verify/document': { call: (f) => ({ path: '/api/v1/verify/document', pdf: f.pdf }), expect: all(200) },
  'POST /api/v1/verify/credential': { call: (f) => ({ path: '/api/v1/verify/credential', body: { jwt: f.credentialJwt } }), expect: all(200) },
  'GET /api/v1/verify/:code': { call: (f) => ({ path: `/api/v1/verify/${f.code}` }), expect: all(200) },
  'GET /.well-known/themis-issuer.json': { call: () => ({ path: '/.well-known/themis-issuer.json' }), expect: all(200) },
  'GET /.well-known/jwks.json': { call: () => ({ path: '/.well-known/jwks.json' }), expect: all(200) },
  // PUBLIC_URL is http here, so the issuer is a did:key and there is no DID document to serve.
  'GET /.well-known/did.json': { call: () => ({ path: '/.well-known/did.json' }), expect: all(404) },
  'GET /api/v1/credentials/status/:list': { call: () => ({ path: '/api/v1/credentials/status/0' }), expect: all(200) },
  'GET /api/v1/credentials/revocations': { call: () => ({ path: '/api/v1/credentials/revocations' }), expect: all(200) },
  'GET /api/v1/me/transcript/credential': { call: () => ({ path: '/api/v1/me/transcript/credential' }), expect: signedIn(200) },
  // OpenID4VCI: the metadata is public; an offer is the holder's (or an admin's); the wallet's endpoints authenticate by code and access token, not by account.
  'GET /.well-known/openid-credential-issuer': { call: () => ({ path: '/.well-known/openid-credential-issuer' }), expect: all(200) },
  'GET /.well-known/oauth-authorization-server': { call: () => ({ path: '/.well-known/oauth-authorization-server' }), expect: all(200) },
  'POST /api/v1/certificates/:code/credential-offer': { call: (f) => ({ path: `/api/v1/certificates/${f.code}/credential-offer` }), expect: { ...ownerOnly(201), admin: 201 } },
  'POST /api/v1/oid4vci/token': { call: () => ({ path: '/api/v1/oid4vci/token', body: { grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': 'unknown' } }), expect: all(400) },
  'POST /api/v1/oid4vci/credential': { call: () => ({ path: '/api/v1/oid4vci/credential', body: { credential_configuration_id: 'OpenBadgeCredential_ldp_vc' } }), expect: all(401) },
  'GET /api/v1/admin/certificates': { call: () => ({ path: '/api/v1/admin/certificates' }), expect: adminOnly(200) },
  'POST /api/v1/admin/certificates/:code/revocation': { call: (f) => ({ path: `/api/v1/admin/certificates/${f.revocable}/revocation`, body: { reason: 'Issued in error' } }), expect: adminOnly(200) },
  'POST /api/v1/admin/certificates/:code/reissue': { call: (f) => ({ path: `/api/v1/admin/certificates/${f.reissuable}/reissue` }), expect: adminOnly(201) },
  'GET /api/v1/admin/audit': { call: () => ({ path: '/api/v1/admin/audit' }), expect: adminOnly(200) },

  // Authoring (trainers and admins). Rows that change a draft send a body without its revision:
  // the 400 shows the guard let the caller through; the authoring specs cover the successful edits.
  'GET /api/v1/author/courses': { call: () => ({ path: '/api/v1/author/courses' }), expect: staffOnly(200) },
  'POST /api/v1/author/courses': { call: () => ({ path: '/api/v1/author/courses', body: { slug: `matrix-${Math.random().toString(36).slice(2, 10)}`, title: 'Matrix course' } }), expect: staffOnly(201) },
  'GET /api/v1/author/bibliography': { call: () => ({ path: '/api/v1/author/bibliography' }), expect: staffOnly(200) },
  'POST /api/v1/author/preview': { call: () => ({ path: '/api/v1/author/preview', body: { markdown: '# Article 6' } }), expect: staffOnly(200) },
  // The trainer (earlier in ACTORS) opens the draft, the admin reopens the same one.
  'POST /api/v1/author/courses/:slug/draft': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft` }), expect: { ...staffOnly(201), admin: 200 } },
  'GET /api/v1/author/courses/:slug/draft': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft` }), expect: staffOnly(200) },
  'PUT /api/v1/author/courses/:slug/draft': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft`, body: {} }), expect: staffOnly(400) },
  'PUT /api/v1/author/courses/:slug/draft/course': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft/course`, body: {} }), expect: staffOnly(400) },
  'PUT /api/v1/author/courses/:slug/draft/lessons/:lesson': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft/lessons/${LESSON}`, body: {} }), expect: staffOnly(400) },
  'POST /api/v1/author/courses/:slug/draft/publication': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft/publication`, body: {} }), expect: staffOnly(400) },
  'POST /api/v1/author/courses/:slug/draft/quizzes/:quiz/gift': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft/quizzes/${QUIZ}/gift`, body: {} }), expect: staffOnly(400) },
  'POST /api/v1/author/courses/:slug/draft/quizzes/:quiz/moodle-xml': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft/quizzes/${QUIZ}/moodle-xml`, body: {} }), expect: staffOnly(400) },
  // The trainer discards the draft; the admin then finds none.
  'DELETE /api/v1/author/courses/:slug/draft': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/draft` }), expect: { ...staffOnly(204), admin: 404 } },
  // Removals without ?revision= are refused (400) before anything is read: the guard let the caller through.
  'DELETE /api/v1/author/courses/:slug/draft/modules/:module': { call: () => ({ path: `/api/v1/author/courses/${EDITED}/draft/modules/only` }), expect: staffOnly(400) },
  'DELETE /api/v1/author/courses/:slug/draft/lessons/:lesson': { call: () => ({ path: `/api/v1/author/courses/${EDITED}/draft/lessons/${EDITED_LESSON}` }), expect: staffOnly(400) },
  'DELETE /api/v1/author/courses/:slug/draft/quizzes/:quiz': { call: () => ({ path: `/api/v1/author/courses/${EDITED}/draft/quizzes/${EDITED_QUIZ}` }), expect: staffOnly(400) },
  'DELETE /api/v1/author/courses/:slug/draft/quizzes/:quiz/questions/:question': { call: () => ({ path: `/api/v1/author/courses/${EDITED}/draft/quizzes/${EDITED_QUIZ}/questions/q1` }), expect: staffOnly(400) },
  'GET /api/v1/author/courses/:slug/quizzes/:quiz/gift': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/quizzes/${QUIZ}/gift` }), expect: staffOnly(200) },
  'GET /api/v1/author/courses/:slug/quizzes/:quiz/moodle-xml': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/quizzes/${QUIZ}/moodle-xml` }), expect: staffOnly(200) },
  'GET /api/v1/author/courses/:slug/diff': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/diff?from=1&to=1` }), expect: staffOnly(200) },
  'GET /api/v1/author/courses/:slug/archive': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/archive` }), expect: staffOnly(200) },
  'POST /api/v1/author/course-archives': { call: () => ({ path: '/api/v1/author/course-archives', body: {} }), expect: staffOnly(400) },
  'GET /api/v1/author/courses/:slug/report': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/report` }), expect: staffOnly(200) },
  'GET /api/v1/author/courses/:slug/report.csv': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/report.csv` }), expect: staffOnly(200) },
  // path-course has no evaluation form: every enrolled caller is told so.
  'GET /api/v1/courses/:slug/evaluation': { call: () => ({ path: `/api/v1/courses/${COURSE}/evaluation` }), expect: signedIn(404) },
  'POST /api/v1/courses/:slug/evaluation': { call: () => ({ path: `/api/v1/courses/${COURSE}/evaluation`, body: { answers: [] } }), expect: signedIn(404) },
  'GET /courses/:slug/evaluation': { call: () => ({ path: `/courses/${COURSE}/evaluation` }), expect: page(signedIn(404)) },
  'POST /courses/:slug/evaluation': { call: () => ({ path: `/courses/${COURSE}/evaluation`, body: { 'rating.x': '3' } }), expect: page(signedIn(404)) },
  'GET /api/v1/author/courses/:slug/evaluation/results': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/evaluation/results` }), expect: staffOnly(200) },
  'GET /api/v1/author/courses/:slug/evaluation/results.csv': { call: () => ({ path: `/api/v1/author/courses/${COURSE}/evaluation/results.csv` }), expect: staffOnly(200) },
  'GET /api/v1/organisations/:id/courses/:slug/evaluation/results': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/courses/${COURSE}/evaluation/results` }), expect: orgOnly(403) },
  'GET /api/v1/organisations/:id/courses/:slug/evaluation/results.csv': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/courses/${COURSE}/evaluation/results.csv` }), expect: orgOnly(403) },

  // Pages
  'GET /verify/:code': { call: (f) => ({ path: `/verify/${f.code}` }), expect: all(200) },
  'GET /verify': { call: () => ({ path: '/verify' }), expect: all(200) },
  // No file attached: the form is shown again with an error, for anyone.
  'POST /verify/document': { call: () => ({ path: '/verify/document', body: {} }), expect: all(400) },
  'GET /certificates/:code.pdf': { call: (f) => ({ path: `/certificates/${f.code}.pdf` }), expect: page({ ...ownerOnly(200), admin: 200 }) },
  'GET /certificates/:code.jsonld': { call: (f) => ({ path: `/certificates/${f.code}.jsonld` }), expect: page({ ...ownerOnly(200), admin: 200 }) },
  'GET /certificates/:code/wallet': { call: (f) => ({ path: `/certificates/${f.code}/wallet` }), expect: page({ ...ownerOnly(200), admin: 200 }) },
  'GET /admin/certificates': { call: () => ({ path: '/admin/certificates' }), expect: page(adminOnly(200)) },
  'POST /admin/certificates/:code/revocation': { call: (f) => ({ path: `/admin/certificates/${f.revocableByPage}/revocation`, body: { reason: 'Issued in error' } }), expect: page(adminOnly(303)) },
  'POST /admin/certificates/:code/reissue': { call: (f) => ({ path: `/admin/certificates/${f.reissuableByPage}/reissue`, body: {} }), expect: page(adminOnly(303)) },
  'GET /admin/audit': { call: () => ({ path: '/admin/audit' }), expect: page(adminOnly(200)) },
  'GET /': { call: () => ({ path: '/' }), expect: all(200) },
  'GET /sign-in': { call: () => ({ path: '/sign-in' }), expect: all(200) },
  'POST /sign-in': { call: (f) => ({ path: '/sign-in', body: { email: f.users.otherLearner.email, password: f.users.otherLearner.password } }), expect: all(303) },
  'GET /sign-up': { call: () => ({ path: '/sign-up' }), expect: all(200) },
  'POST /sign-up': { call: () => ({ path: '/sign-up', body: { email: uniqueEmail('page'), password: 'a-long-test-password', fullName: 'Page Learner', profession: 'prosecutor' } }), expect: all(303) },
  'POST /sign-out': { call: async (f, a) => ({ path: '/sign-out', token: await freshSession(f, a) }), expect: all(303) },
  'POST /sign-in/mfa': { call: () => ({ path: '/sign-in/mfa', body: { mfaToken: NO_TOKEN, code: '123456' } }), expect: all(401) },
  'GET /forgot-password': { call: () => ({ path: '/forgot-password' }), expect: all(200) },
  'POST /forgot-password': { call: () => ({ path: '/forgot-password', body: { email: uniqueEmail('forgot') } }), expect: all(200) },
  'GET /reset-password': { call: () => ({ path: `/reset-password?token=${NO_TOKEN}` }), expect: all(200) },
  'POST /reset-password': { call: () => ({ path: '/reset-password', body: { token: NO_TOKEN, password: 'amber-glacier-violin-63' } }), expect: all(400) },
  'GET /confirm-email': { call: () => ({ path: `/confirm-email?token=${NO_TOKEN}` }), expect: all(200) },
  'POST /confirm-email': { call: () => ({ path: '/confirm-email', body: { token: NO_TOKEN } }), expect: all(400) },
  'GET /profile/security': { call: () => ({ path: '/profile/security' }), expect: page(signedIn(200)) },
  'GET /profile/data.json': { call: () => ({ path: '/profile/data.json' }), expect: page(signedIn(200)) },
  'GET /profile/mfa': { call: () => ({ path: '/profile/mfa' }), expect: page(signedIn(200)) },
  'POST /profile/mfa/start': { call: () => ({ path: '/profile/mfa/start' }), expect: page(signedIn(200)) },
  'POST /profile/mfa/confirmation': { call: () => ({ path: '/profile/mfa/confirmation', body: { code: 'ABCDEF' } }), expect: page(signedIn(400)) },
  'POST /profile/password': { call: async (f, a) => ({ path: '/profile/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'amber-glacier-violin-63' }, token: await spareAccount(f, a) }), expect: page(signedIn(303)) },
  'POST /profile/email': { call: async (f, a) => ({ path: '/profile/email', body: { email: uniqueEmail('moved'), emailPassword: TEST_PASSWORD }, token: await spareAccount(f, a) }), expect: page(signedIn(303)) },
  'POST /profile/sessions/end-all': { call: async (f, a) => ({ path: '/profile/sessions/end-all', token: await spareAccount(f, a) }), expect: page(signedIn(303)) },
  'POST /profile/closure': { call: async (f, a) => ({ path: '/profile/closure', body: { closePassword: TEST_PASSWORD }, token: await spareAccount(f, a) }), expect: page(signedIn(303)) },
  'POST /admin/users/:id/deactivation': { call: async (f) => ({ path: `/admin/users/${await newUser(f)}/deactivation` }), expect: page(adminOnly(303)) },
  'POST /admin/users/:id/activation': { call: async (f) => ({ path: `/admin/users/${await newUser(f)}/activation` }), expect: page(adminOnly(303)) },
  'POST /admin/users/:id/unlock': { call: async (f) => ({ path: `/admin/users/${await newUser(f)}/unlock` }), expect: page(adminOnly(303)) },
  'POST /admin/users/:id/mfa-reset': { call: async (f) => ({ path: `/admin/users/${await newUser(f)}/mfa-reset` }), expect: page(adminOnly(303)) },
  'POST /admin/users/:id/password-reset': { call: async (f) => ({ path: `/admin/users/${await newUser(f)}/password-reset` }), expect: page(adminOnly(303)) },
  // The outbox (h16b-mail, merged here): written while SMTP_URL is unset; an unknown file is 404.
  'GET /admin/outbox': { call: () => ({ path: '/admin/outbox' }), expect: page(adminOnly(200)) },
  'GET /admin/outbox/:file': { call: () => ({ path: '/admin/outbox/none.eml' }), expect: page(adminOnly(404)) },
  'POST /profile/reminders': { call: () => ({ path: '/profile/reminders', body: { certificateReminders: 'on' } }), expect: page(signedIn(303)) },
  'POST /language': { call: () => ({ path: '/language', body: { locale: 'en' } }), expect: all(303) },
  'GET /courses/:slug': { call: () => ({ path: `/courses/${COURSE}` }), expect: all(200) },
  'POST /courses/:slug/enrollment': { call: () => ({ path: `/courses/${COURSE}/enrollment` }), expect: page(signedIn(303)) },
  'POST /courses/:slug/enrollment/language': { call: () => ({ path: `/courses/${COURSE}/enrollment/language`, body: { language: 'en' } }), expect: page(signedIn(303)) },
  'GET /courses/:slug/lessons/:lesson': { call: () => ({ path: `/courses/${COURSE}/lessons/${LESSON}` }), expect: page(signedIn(200)) },
  'POST /courses/:slug/lessons/:lesson/completion': { call: () => ({ path: `/courses/${COURSE}/lessons/${LESSON}/completion` }), expect: page(signedIn(303)) },
  'POST /courses/:slug/lessons/:lesson/heartbeat': { call: () => ({ path: `/courses/${COURSE}/lessons/${LESSON}/heartbeat` }), expect: page(signedIn(204)) },
  'GET /courses/:slug/quizzes/:quiz': { call: () => ({ path: `/courses/${COURSE}/quizzes/${QUIZ}` }), expect: page(signedIn(200)) },
  'POST /courses/:slug/quizzes/:quiz/attempts': { call: () => ({ path: `/courses/${COURSE}/quizzes/${QUIZ}/attempts` }), expect: page(signedIn(303)) },
  'POST /attempts/:id/submission': { call: (f) => ({ path: `/attempts/${f.submittedAttempt}/submission`, body: {} }), expect: page({ ...ownerOnly(409) }) },
  'GET /attempts/:id': { call: (f) => ({ path: `/attempts/${f.submittedAttempt}` }), expect: page(ownerOnly(200)) },
  'POST /attempts/:id/answers': { call: (f) => ({ path: `/attempts/${f.submittedAttempt}/answers`, body: {} }), expect: page({ ...ownerOnly(409) }) },
  'GET /dashboard': { call: () => ({ path: '/dashboard' }), expect: page(signedIn(200)) },
  'GET /profile': { call: () => ({ path: '/profile' }), expect: page(signedIn(200)) },
  'POST /profile': { call: () => ({ path: '/profile', body: { locale: 'en' } }), expect: page(signedIn(303)) },
  'GET /staff/courses': { call: () => ({ path: '/staff/courses' }), expect: page(staffOnly(200)) },
  'GET /staff/courses/:slug/quizzes/:quiz': { call: () => ({ path: `/staff/courses/${COURSE}/quizzes/${QUIZ}` }), expect: page(staffOnly(200)) },
  'GET /staff/courses/:slug/progress': { call: () => ({ path: `/staff/courses/${COURSE}/progress` }), expect: page(staffOnly(200)) },
  'GET /transcript': { call: () => ({ path: '/transcript' }), expect: page(signedIn(200)) },
  'GET /transcript.pdf': { call: () => ({ path: '/transcript.pdf' }), expect: page(signedIn(200)) },
  'GET /transcript.jsonld': { call: () => ({ path: '/transcript.jsonld' }), expect: page(signedIn(200)) },
  // Editor pages work on a draft of the second fixture course, apart from the API rows' draft above.
  'GET /staff/authoring/:slug/lessons/:lesson': { call: () => ({ path: `/staff/authoring/${EDITED}/lessons/${EDITED_LESSON}` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/lessons/:lesson': { call: () => ({ path: `/staff/authoring/${EDITED}/lessons/${EDITED_LESSON}`, body: { action: 'preview', markdown: '# Article 6' } }), expect: page(staffOnly(200)) },
  // The editor script's JSON endpoints answer 401, not a redirect. No revision: the 409 (stale) shows the guard let the caller through.
  'POST /staff/authoring/:slug/lessons/:lesson/autosave': { call: () => ({ path: `/staff/authoring/${EDITED}/lessons/${EDITED_LESSON}/autosave`, body: { markdown: 'x' } }), expect: staffOnly(409) },
  'POST /staff/authoring/preview': { call: () => ({ path: '/staff/authoring/preview', body: { markdown: '# Article 6' } }), expect: staffOnly(200) },
  'GET /staff/reports/:slug': { call: () => ({ path: `/staff/reports/${COURSE}` }), expect: page(staffOnly(200)) },
  // Editor pages without a script (plain forms). The draft of EDITED is open from the rows above; edits without a revision
  // are refused as stale (409) or re-render the form with field errors (400), which shows the guard let the caller through.
  'GET /staff/authoring': { call: () => ({ path: '/staff/authoring' }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/courses': { call: () => ({ path: '/staff/authoring/courses', body: { slug: `matrix-page-${Math.random().toString(36).slice(2, 10)}`, title: 'Matrix course' } }), expect: page(staffOnly(303)) },
  // No file attached: the form is shown again with the error.
  'POST /staff/authoring/archives': { call: () => ({ path: '/staff/authoring/archives', body: {} }), expect: page(staffOnly(400)) },
  'GET /staff/authoring/:slug': { call: () => ({ path: `/staff/authoring/${EDITED}` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/draft': { call: () => ({ path: `/staff/authoring/${EDITED}/draft` }), expect: page(staffOnly(303)) },
  'POST /staff/authoring/:slug/course': { call: () => ({ path: `/staff/authoring/${EDITED}/course`, body: { title: 'x', language: 'en' } }), expect: page(staffOnly(409)) },
  'POST /staff/authoring/:slug/modules': { call: () => ({ path: `/staff/authoring/${EDITED}/modules`, body: { moduleSlug: 'Not a slug' } }), expect: page(staffOnly(400)) },
  'GET /staff/authoring/:slug/modules/:module': { call: () => ({ path: `/staff/authoring/${EDITED}/modules/only` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/modules/:module': { call: () => ({ path: `/staff/authoring/${EDITED}/modules/only`, body: { title: 'Only module' } }), expect: page(staffOnly(409)) },
  'GET /staff/authoring/:slug/quizzes/:quiz': { call: () => ({ path: `/staff/authoring/${EDITED}/quizzes/${EDITED_QUIZ}` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/quizzes/:quiz': { call: () => ({ path: `/staff/authoring/${EDITED}/quizzes/${EDITED_QUIZ}`, body: { title: 'Quiz' } }), expect: page(staffOnly(400)) },
  'POST /staff/authoring/:slug/quizzes/:quiz/gift': { call: () => ({ path: `/staff/authoring/${EDITED}/quizzes/${EDITED_QUIZ}/gift`, body: {} }), expect: page(staffOnly(400)) },
  'POST /staff/authoring/:slug/quizzes/:quiz/moodle-xml': { call: () => ({ path: `/staff/authoring/${EDITED}/quizzes/${EDITED_QUIZ}/moodle-xml`, body: {} }), expect: page(staffOnly(400)) },
  // Deletions without a revision are stale (409): nothing is deleted, and the guard let the caller through.
  'POST /staff/authoring/:slug/deletion': { call: () => ({ path: `/staff/authoring/${EDITED}/deletion`, body: {} }), expect: page(staffOnly(409)) },
  'POST /staff/authoring/:slug/modules/:module/deletion': { call: () => ({ path: `/staff/authoring/${EDITED}/modules/only/deletion`, body: {} }), expect: page(staffOnly(409)) },
  'POST /staff/authoring/:slug/lessons/:lesson/deletion': { call: () => ({ path: `/staff/authoring/${EDITED}/lessons/${EDITED_LESSON}/deletion`, body: {} }), expect: page(staffOnly(409)) },
  'POST /staff/authoring/:slug/quizzes/:quiz/deletion': { call: () => ({ path: `/staff/authoring/${EDITED}/quizzes/${EDITED_QUIZ}/deletion`, body: {} }), expect: page(staffOnly(409)) },
  'GET /api/v1/author/courses/:slug/draft/quizzes/:quiz/gift': { call: () => ({ path: `/api/v1/author/courses/${EDITED}/draft/quizzes/${EDITED_QUIZ}/gift` }), expect: staffOnly(200) },
  'GET /api/v1/author/courses/:slug/draft/quizzes/:quiz/moodle-xml': { call: () => ({ path: `/api/v1/author/courses/${EDITED}/draft/quizzes/${EDITED_QUIZ}/moodle-xml` }), expect: staffOnly(200) },
  'POST /staff/authoring/:slug/publication': { call: () => ({ path: `/staff/authoring/${EDITED}/publication`, body: {} }), expect: page(staffOnly(409)) },
  // Translation pages of the same draft; posts without a revision are stale (409), after the guard.
  'GET /staff/authoring/:slug/translations/:lang': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/az` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/translations/:lang': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/az`, body: { title: 'Kurs', summary: 'Xülasə' } }), expect: page(staffOnly(409)) },
  'GET /staff/authoring/:slug/translations/:lang/modules/:module': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/ru/modules/only` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/translations/:lang/modules/:module': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/ru/modules/only`, body: { title: 'Модуль' } }), expect: page(staffOnly(409)) },
  'GET /staff/authoring/:slug/translations/:lang/lessons/:lesson': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/az/lessons/${EDITED_LESSON}` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/translations/:lang/lessons/:lesson': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/az/lessons/${EDITED_LESSON}`, body: { title: 'Dərs', markdown: 'Mətn.' } }), expect: page(staffOnly(409)) },
  'GET /staff/authoring/:slug/translations/:lang/quizzes/:quiz': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/ru/quizzes/${EDITED_QUIZ}` }), expect: page(staffOnly(200)) },
  'POST /staff/authoring/:slug/translations/:lang/quizzes/:quiz': { call: () => ({ path: `/staff/authoring/${EDITED}/translations/ru/quizzes/${EDITED_QUIZ}`, body: {} }), expect: page(staffOnly(409)) },
  'GET /staff/authoring/:slug/diff': { call: () => ({ path: `/staff/authoring/${COURSE}/diff?from=1&to=1` }), expect: page(staffOnly(200)) },
  'GET /staff/authoring/:slug/archive': { call: () => ({ path: `/staff/authoring/${COURSE}/archive` }), expect: page(staffOnly(200)) },
  'GET /staff/authoring/:slug/quizzes/:quiz/gift': { call: () => ({ path: `/staff/authoring/${COURSE}/quizzes/${QUIZ}/gift` }), expect: page(staffOnly(200)) },
  'GET /staff/authoring/:slug/quizzes/:quiz/moodle-xml': { call: () => ({ path: `/staff/authoring/${COURSE}/quizzes/${QUIZ}/moodle-xml` }), expect: page(staffOnly(200)) },
  'GET /staff/reports/:slug/report.csv': { call: () => ({ path: `/staff/reports/${COURSE}/report.csv` }), expect: page(staffOnly(200)) },
  'GET /admin/users': { call: () => ({ path: '/admin/users' }), expect: page(adminOnly(200)) },
  'POST /admin/users': { call: () => ({ path: '/admin/users', body: { email: uniqueEmail('pagemade'), password: 'a-long-test-password', fullName: 'Page Made', role: 'learner' } }), expect: page(adminOnly(303)) },
  'POST /admin/users/:id/role': { call: async (f) => ({ path: `/admin/users/${await newUser(f)}/role`, body: { role: 'trainer' } }), expect: page(adminOnly(303)) },
  'GET /admin/verifiers': { call: () => ({ path: '/admin/verifiers' }), expect: page(adminOnly(200)) },
  // 201: the page shows the new key once.
  'POST /admin/verifiers': { call: () => ({ path: '/admin/verifiers', body: { name: 'Ganja Bar' } }), expect: page(adminOnly(303)) },
  'POST /admin/verifiers/:id/revocation': { call: async (f) => ({ path: `/admin/verifiers/${await newVerifier(f)}/revocation` }), expect: page(adminOnly(303)) },

  // Organisations, members, accreditation, four eyes, compliance (issue 14)
  'POST /api/v1/admin/organisations': { call: () => ({ path: '/api/v1/admin/organisations', body: { name: 'Ganja Bar' } }), expect: adminOnly(201) },
  'GET /api/v1/admin/organisations': { call: () => ({ path: '/api/v1/admin/organisations' }), expect: adminOnly(200) },
  'POST /api/v1/admin/organisations/:id/grants': { call: async (f) => ({ path: `/api/v1/admin/organisations/${await anOrg(f)}/grants`, body: { userId: await newUser(f), grant: 'clerk' } }), expect: adminOnly(201) },
  'PUT /api/v1/organisations/:id/roster': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/roster` }), expect: orgOnly(403) },
  'GET /api/v1/organisations/:id/memberships': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/memberships` }), expect: orgOnly(403) },
  'POST /api/v1/organisations/:id/memberships/:membershipId/decision': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/memberships/${ANY_ID}/decision`, body: { decision: 'approve' } }), expect: orgOnly(403) },
  'GET /api/v1/organisations/:id/cle-rules': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/cle-rules` }), expect: orgOnly(403) },
  'PUT /api/v1/organisations/:id/cle-rules': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/cle-rules`, body: {} }), expect: orgOnly(403) },
  'POST /api/v1/organisations/:id/exemptions': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/exemptions`, body: { barNumber: 'X-1', reason: 'on leave', fromDay: '2026-01-01', toDay: '2026-02-01' } }), expect: orgOnly(403) },
  'POST /api/v1/organisations/:id/accreditations': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/accreditations`, body: { courseVersionId: ANY_ID, number: 'N-1', hours: {}, validFrom: '2026-01-01' } }), expect: orgOnly(403) },
  'GET /api/v1/organisations/:id/accreditations': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/accreditations` }), expect: orgOnly(403) },
  'GET /api/v1/organisations/:id/compliance': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/compliance` }), expect: orgOnly(403) },
  'GET /api/v1/organisations/:id/compliance/export': { call: async (f) => ({ path: `/api/v1/organisations/${await anOrg(f)}/compliance/export` }), expect: orgOnly(403) },
  'POST /api/v1/me/memberships': { call: async (f) => ({ path: '/api/v1/me/memberships', body: { organisationId: await anOrg(f), barNumber: 'MX-1' } }), expect: signedIn(201) },
  'GET /api/v1/me/memberships': { call: () => ({ path: '/api/v1/me/memberships' }), expect: signedIn(200) },
  'GET /api/v1/course-versions/pending-approval': { call: () => ({ path: '/api/v1/course-versions/pending-approval' }), expect: adminOnly(200) },
  'POST /api/v1/course-versions/:id/approval': { call: async (f) => ({ path: `/api/v1/course-versions/${await deployedVersion(f)}/approval` }), expect: adminOnly(201) },
  'GET /organisations': { call: () => ({ path: '/organisations' }), expect: page(signedIn(200)) },
  'POST /organisations/memberships': { call: async (f) => ({ path: '/organisations/memberships', body: { organisationId: await anOrg(f), barNumber: 'MX-2' } }), expect: page(signedIn(303)) },
  'GET /organisations/:id': { call: async (f) => ({ path: `/organisations/${await anOrg(f)}` }), expect: orgPage },
  'POST /organisations/:id/roster': { call: async (f) => ({ path: `/organisations/${await anOrg(f)}/roster`, body: {} }), expect: orgPage },
  'POST /organisations/:id/memberships/:membershipId/decision': { call: async (f) => ({ path: `/organisations/${await anOrg(f)}/memberships/${ANY_ID}/decision`, body: { decision: 'approve' } }), expect: orgPage },
  'GET /organisations/:id/export': { call: async (f) => ({ path: `/organisations/${await anOrg(f)}/export` }), expect: orgPage },
  'POST /organisations/:id/bulk-verification': { call: async (f) => ({ path: `/organisations/${await anOrg(f)}/bulk-verification`, body: { codes: 'X' } }), expect: orgPage },
  'GET /staff/approvals': { call: () => ({ path: '/staff/approvals' }), expect: page(adminOnly(200)) },
  'POST /staff/approvals/:id': { call: async (f) => ({ path: `/staff/approvals/${await deployedVersion(f)}` }), expect: page(adminOnly(303)) },
  'GET /admin/organisations': { call: () => ({ path: '/admin/organisations' }), expect: page(adminOnly(200)) },
  'POST /admin/organisations': { call: () => ({ path: '/admin/organisations', body: { name: 'Page Bar' } }), expect: page(adminOnly(303)) },
  'POST /admin/organisations/:id/grants': { call: async (f) => ({ path: `/admin/organisations/${await anOrg(f)}/grants`, body: { email: f.users.otherLearner.email, grant: 'clerk' } }), expect: page(adminOnly(303)) },
};

const isPage = (route: string) => !/ \/(api|health|\.well-known)/.test(route);

/** A page session is the cookie the site sets at sign-in; state-changing forms carry the CSRF token it renders. */
async function pageHeaders(f: Fixtures, actor: Actor, method: string, token?: string): Promise<Record<string, string>> {
  const user = actor === 'anonymous' || actor === 'verifier' ? undefined : f.users[actor];
  const cookies = user ? [`themis_session=${token ?? user.token}`] : [];
  const headers: Record<string, string> = actor === 'verifier' ? { 'X-Api-Key': f.apiKey } : {};
  if (method !== 'GET') {
    const form = await request(f.t.url).get('/sign-up').set('Cookie', cookies.join('; '));
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    const csrfCookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('themis_csrf='));
    if (!token || !csrfCookie) throw new Error('no CSRF token on /sign-up');
    cookies.push(csrfCookie);
    headers['X-Csrf-Token'] = token;
  }
  if (cookies.length) headers['Cookie'] = cookies.join('; ');
  return headers;
}

function apiHeaders(f: Fixtures, actor: Actor, token?: string): Record<string, string> {
  if (actor === 'anonymous') return {};
  if (actor === 'verifier') return { 'X-Api-Key': f.apiKey };
  return token ? { Authorization: `Bearer ${token}` } : f.users[actor].auth;
}

describe('Access matrix', () => {
  let f: Fixtures;
  let served: string[];

  beforeAll(async () => {
    const t = await createTestApp();
    served = routeTable(t);
    const [admin, trainer, otherLearner] = [await loginAs(t, 'admin'), await loginAs(t, 'trainer'), await loginAs(t, 'learner')];
    const barNumber = 'AZ-1234';
    const learner = await certifiedLearner(t, admin, { barNumber });
    // A profile's bar number verifies nothing; a certificate from before memberships is still listed by it (verified:false).
    await t.db.query(`UPDATE certificates SET memberships = NULL WHERE user_id = $1`, [learner.id]);
    for (const u of [otherLearner, trainer, admin]) await new LearnerPath(t, u).enroll(COURSE);

    const certs = await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200);
    const code = certs.body[0].code as string;
    const attempts = await t.db.query(`SELECT id FROM quiz_attempts WHERE user_id = $1 AND submitted_at IS NOT NULL`, [learner.id]);
    // A second attempt opened and left unsubmitted: the owner's submission is the one that succeeds.
    const spare = await loginAs(t, 'learner');
    const path = new LearnerPath(t, spare);
    await path.enroll(COURSE);
    const open = await path.answerQuiz(COURSE, QUIZ, admin, true);
    const revocable = (await certifiedLearner(t, admin)).id;
    const reissuable = (await certifiedLearner(t, admin)).id;
    const revocableByPage = (await certifiedLearner(t, admin)).id;
    const reissuableByPage = (await certifiedLearner(t, admin)).id;
    const codeOf = async (userId: string) => (await t.db.query(`SELECT code FROM certificates WHERE user_id = $1`, [userId]))[0].code as string;
    const credential = await request(t.url).get(`/api/v1/certificates/${code}/credential`).set(learner.auth).expect(200);
    const pdf = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(learner.auth).buffer(true).parse(binary as unknown as Parameters<request.Test["parse"]>[0]).expect(200);
    const { apiKey } = await t.app.get(VerifiersService).create({ name: 'Azerbaijan Bar Association' });
    f = {
      t,
      users: { learner, otherLearner, trainer, admin },
      apiKey,
      code,
      revocable: await codeOf(revocable),
      reissuable: await codeOf(reissuable),
      revocableByPage: await codeOf(revocableByPage),
      reissuableByPage: await codeOf(reissuableByPage),
      submittedAttempt: attempts[0].id,
      openAttempt: open.attemptId,
      credentialJwt: credential.body.jwt ?? credential.body.credential,
      pdf: pdf.body as Buffer,
      barNumber,
    };
    // The open attempt belongs to the spare learner, who plays "learner" (its owner) in that row.
    ownerOfOpenAttempt = spare;
  });
  let ownerOfOpenAttempt: SignedInUser;
  afterAll(() => f?.t.close());

  it('has an access decision for every route the server serves, and no row for a route that is gone', () => {
    const decided = Object.keys(ROUTES).sort();
    expect(served.filter((r) => !decided.includes(r))).toEqual([]);
    expect(decided.filter((r) => !served.includes(r))).toEqual([]);
  });

  it('answers every route with the expected status for every kind of caller', async () => {
    const mismatches: string[] = [];
    for (const [route, row] of Object.entries(ROUTES)) {
      const method = route.split(' ')[0]!;
      for (const actor of ACTORS) {
        const call = await row.call(f, actor);
        let headers = isPage(route) ? await pageHeaders(f, actor, method, call.token) : apiHeaders(f, actor, call.token);
        if (route === 'POST /api/v1/attempts/:attemptId/submission' && actor === 'learner') headers = ownerOfOpenAttempt.auth;
        let req = request(f.t.url)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](call.path).set(headers).redirects(0);
        if (call.pdf) req = req.set('Content-Type', 'application/pdf').send(call.pdf);
        else if (call.body !== undefined) req = isPage(route) ? req.type('form').send(call.body as object) : req.send(call.body as object);
        const res = await req;
        if (res.status !== row.expect[actor]) mismatches.push(`${route} as ${actor}: expected ${row.expect[actor]}, got ${res.status}`);
        if (res.status === 303 && row.expect[actor] === 303 && actor === 'anonymous' && !route.startsWith('POST /sign') && route !== 'POST /language') {
          if (!String(res.headers['location']).startsWith('/sign-in')) mismatches.push(`${route} as anonymous: redirected to ${res.headers['location']}, not /sign-in`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // ~140 routes × 6 callers since the accounts and mail routes (issue 16): longer than jest's default minute on two shared cores.
  }, 600_000);
});

function binary(res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

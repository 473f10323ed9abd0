import { inTransaction } from '@themis/database';
import { CertificateIssuer } from '../../libs/certification/src/issuing/certificate-issuer';
import { CompletedEnrollment } from '@themis/learning';
import { createMediumModule, MediumModule } from '@themis/testing';
import { enrolAndStudy } from './learner-steps';

/** Issuing on the real database, without HTTP: the certificate an enrolment's completion produces. */
describe('Issuing (medium)', () => {
  let m: MediumModule;
  beforeAll(async () => {
    m = await createMediumModule();
  }, 120_000);
  afterAll(() => m.close());

  async function studiedEnrolment(): Promise<CompletedEnrollment> {
    const learner = await m.user();
    await enrolAndStudy(m, learner.id, 'path-course');
    const [e] = await m.db.query(`SELECT id, course_id, version_id FROM enrollments WHERE user_id = $1`, [learner.id]);
    return { enrollmentId: e.id, userId: learner.id, courseId: e.course_id, versionId: e.version_id, completedAt: new Date() };
  }

  const liveCertificates = async (enrollmentId: string) =>
    (await m.db.query(`SELECT code FROM certificates WHERE enrollment_id = $1 AND superseded_by IS NULL`, [enrollmentId])) as { code: string }[];

  it('issues one signed certificate for a completion, with its PDF and hash stored', async () => {
    const e = await studiedEnrolment();
    const code = await inTransaction(m.db, (manager) => m.get(CertificateIssuer).onCourseCompleted(manager, e));
    expect(code).toEqual(expect.any(String));
    const [row] = await m.db.query(`SELECT code, course_slug, length(pdf) AS bytes, pdf_sha256 FROM certificates WHERE enrollment_id = $1`, [e.enrollmentId]);
    expect(row).toMatchObject({ code, course_slug: 'path-course' });
    expect(Number(row.bytes)).toBeGreaterThan(1000);
    expect(row.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps exactly one live certificate per enrolment under two concurrent completions', async () => {
    const e = await studiedEnrolment();
    const issuer = m.get(CertificateIssuer);
    // Two transactions, neither holding the enrolment's row lock: only the partial unique index stands between them.
    const codes = await Promise.all([
      inTransaction(m.db, (manager) => issuer.onCourseCompleted(manager, e)),
      inTransaction(m.db, (manager) => issuer.onCourseCompleted(manager, e)),
    ]);
    const live = await liveCertificates(e.enrollmentId);
    expect(live).toHaveLength(1);
    // Both callers are told the one live code, whichever of them inserted it.
    expect(codes).toEqual([live[0]!.code, live[0]!.code]);
  });
});

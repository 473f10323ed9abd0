import { AuthoringService } from '@themis/catalog';
import { DomainError, ErrorCode } from '@themis/core';
import { createMediumModule, MediumModule } from '@themis/testing';

/** A draft's life on the real database, without HTTP: open, edit, a stale edit refused, publish. */
describe('Drafts (medium)', () => {
  let m: MediumModule;
  beforeAll(async () => {
    m = await createMediumModule();
  });
  afterAll(() => m.close());

  it('opens a draft of the current version, refuses an edit at a stale revision, and publishes the next version', async () => {
    const authoring = m.get(AuthoringService);
    const [alice, bob] = [await m.user('trainer'), await m.user('trainer')];
    const before = (await authoring.listCourses()).find((c) => c.slug === 'path-course')!;

    const { created, draft } = await authoring.openDraft(alice, 'path-course');
    expect(created).toBe(true);
    expect(draft.baseVersion).toBe(before.currentVersion);
    // A second trainer opening it gets the same draft, not a new one.
    expect((await authoring.openDraft(bob, 'path-course')).created).toBe(false);

    const edited = await authoring.editDraft(alice, 'path-course', draft.revision, (d) => {
      d.title = 'Path course, revised';
    });
    expect(edited.revision).toBe(draft.revision + 1);

    // Bob still holds the revision he opened: his edit is refused and nothing of it is stored.
    const stale = await authoring.editDraft(bob, 'path-course', draft.revision, (d) => {
      d.summary = 'Overwritten';
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(DomainError);
    expect((stale as DomainError).code).toBe(ErrorCode.Conflict);
    expect((await authoring.getDraft('path-course')).revision).toBe(edited.revision);

    // Publishing at a stale revision is refused too; at the latest it makes the next version.
    await expect(authoring.publish('path-course', draft.revision, alice.id)).rejects.toMatchObject({ code: ErrorCode.Conflict });
    const published = await authoring.publish('path-course', edited.revision, alice.id);
    expect(published).toMatchObject({ slug: 'path-course', version: before.currentVersion! + 1, changed: true });
    await expect(authoring.getDraft('path-course')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const [row] = await m.db.query(
      `SELECT v.title FROM course_versions v JOIN courses c ON c.id = v.course_id WHERE c.slug = 'path-course' AND v.version = $1`, [published.version],
    );
    expect(row.title).toBe('Path course, revised');
  });
});

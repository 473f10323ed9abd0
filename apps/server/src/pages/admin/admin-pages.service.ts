import { Injectable } from '@nestjs/common';
import { AnswerKeyService } from '@themis/assessment';
import { CatalogService } from '@themis/catalog';
import { DomainError, ErrorCode, ROLES } from '@themis/core';
import type { Role } from '@themis/core';
import { AccountAdminService, CreatedVerifierResponse, CreateUserDto, CreateVerifierDto, TokenKeys, UsersService, VerifiersService } from '@themis/identity';
import { ProgressService } from '@themis/learning';
import { validateForm } from '../../web/form';
import { PageResult } from '../../web/page-result';
import { RevealOnce } from '../../web/reveal-once';
import { professionOptions } from '../public/public-pages.service';

const USERS_PER_PAGE = 50;
export type AccountAction = 'deactivate' | 'activate' | 'unlock' | 'mfa-reset' | 'password-reset';

const withoutKeys = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const roleOptions = (selected?: string) => ROLES.map((r) => ({ value: r, label: `role.${r}`, selected: r === selected }));

@Injectable()
export class AdminPagesService {
  /** A new verifier key crosses the redirect after its creation sealed, and is shown once. */
  readonly newKey: RevealOnce;

  constructor(
    private readonly catalog: CatalogService,
    private readonly keys: AnswerKeyService,
    private readonly progress: ProgressService,
    private readonly users: UsersService,
    private readonly verifiers: VerifiersService,
    private readonly accounts: AccountAdminService,
    tokenKeys: TokenKeys,
  ) {
    this.newKey = new RevealOnce(tokenKeys.current.secret, 'themis_new_key', '/admin/verifiers');
  }

  async courses(): Promise<object> {
    return { title: 'staff.courses.title', courses: await this.catalog.listAllForStaff() };
  }

  async answerKey(slug: string, quizSlug: string): Promise<object> {
    const key = await this.keys.forCurrentVersion(slug, quizSlug);
    return { title: key.title, courseSlug: slug, key: { ...key, questions: key.questions.map((q, i) => ({ ...q, number: i + 1 })) } };
  }

  async learnersProgress(slug: string): Promise<object> {
    const course = await this.catalog.currentVersionId(slug);
    if (!course) throw new DomainError(ErrorCode.NotFound, 'Course not found');
    const version = await this.catalog.versionContent(course.versionId);
    return { title: version.title, courseSlug: slug, courseTitle: version.title, courseLanguage: version.language, learners: await this.progress.listForCourse(slug) };
  }

  /** Find users by email, name or bar number, 50 to a page. */
  async usersPage(extra: { q?: unknown; page?: unknown; [more: string]: unknown } = {}): Promise<object> {
    const q = typeof extra.q === 'string' ? extra.q.slice(0, 200) : '';
    const page = Math.max(1, Math.min(100000, Number.parseInt(String(extra.page ?? '1'), 10) || 1));
    const found = await this.accounts.search(q || undefined, USERS_PER_PAGE, (page - 1) * USERS_PER_PAGE);
    const pages = Math.max(1, Math.ceil(found.total / USERS_PER_PAGE));
    const link = (p: number) => `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
    return {
      title: 'admin.users.title',
      users: found.users.map((u) => ({ ...u, roles: roleOptions(u.role) })),
      q, page, pages, total: found.total,
      previous: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
      // The raw `q` and `page` of the request stay out: they would replace the parsed ones ("page {page} of 1").
      roles: roleOptions('learner'), professions: professionOptions('other'), form: {}, ...withoutKeys(extra, ['q', 'page']),
    };
  }

  async createUser(body: Record<string, unknown>): Promise<PageResult> {
    const { value, errors } = await validateForm(CreateUserDto, body);
    const fail = async (fieldErrors: Record<string, string>): Promise<PageResult> => ({
      view: 'pages/admin/users',
      status: 400,
      data: await this.usersPage({ form: { ...body, password: '' }, errors: fieldErrors, errorList: Object.entries(fieldErrors).map(([field, message]) => ({ field, message })), roles: roleOptions(String(body['role'])) }),
    });
    if (errors) return fail(errors);
    try {
      await this.users.createByAdmin(value);
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.EmailTaken) return fail({ email: 'form.emailTaken' });
      throw err;
    }
    return { redirect: '/admin/users?created=1' };
  }

  async setRole(id: string, body: Record<string, unknown>): Promise<{ url: string }> {
    const role = body['role'];
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new DomainError(ErrorCode.ValidationFailed, 'role must be one of the roles');
    await this.accounts.setRole(id, role as Role);
    return { url: '/admin/users?updated=1' };
  }

  /** Deactivate, activate, unlock a locked sign-in, reset MFA: each ends where it started, with a notice. */
  async accountAction(id: string, action: AccountAction): Promise<{ url: string }> {
    if (action === 'deactivate') await this.accounts.deactivate(id);
    else if (action === 'activate') await this.accounts.activate(id);
    else if (action === 'unlock') await this.accounts.unlock(id);
    else if (action === 'password-reset') await this.accounts.sendResetLink(id);
    else await this.accounts.resetMfa(id);
    return { url: '/admin/users?updated=1' };
  }

  async verifiersPage(extra: object = {}): Promise<object> {
    return { title: 'admin.verifiers.title', verifiers: await this.verifiers.list(), ...extra };
  }

  /**
   * POST-redirect-GET: a refresh of the page that shows the new key is a GET and creates nothing.
   * The key (only its hash is stored) crosses the redirect sealed, for the next page alone.
   */
  async createVerifier(body: Record<string, unknown>, seal: (created: CreatedVerifierResponse) => void): Promise<PageResult> {
    const { value, errors } = await validateForm(CreateVerifierDto, body);
    if (errors) return { view: 'pages/admin/verifiers', status: 400, data: await this.verifiersPage({ errors, errorList: [{ field: 'name', message: 'form.invalid.verifierName' }], form: body }) };
    seal(await this.verifiers.create(value));
    return { redirect: '/admin/verifiers?created=1' };
  }

  async revokeVerifier(id: string): Promise<{ url: string }> {
    await this.verifiers.revoke(id);
    return { url: '/admin/verifiers?revoked=1' };
  }
}

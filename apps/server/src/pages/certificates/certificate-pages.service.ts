import { Inject, Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { AuditLog, AuditQueryDto, CertificatesService, NotFoundResponse, VerificationResponse, VerificationService, WalletIssuanceService, certificateCodeProblem, verifyPath, verifyUrl } from '@themis/certification';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@themis/core';
import { AuthenticatedUser } from '@themis/identity';
import { validateForm } from '../../web/form';
import { PageResult } from '../../web/page-result';

const CODE = /^[0-9A-Za-z-]{4,64}$/;
const AUDIT_PER_PAGE = 50;
const AUDIT_FILTERS = ['action', 'actor', 'subject', 'from', 'to'] as const;

/** The verification page's data: the certified facts a lawyer compares with the paper. */
export function verifyResultView(code: string, result: VerificationResponse | NotFoundResponse): object {
  const found = result.status !== 'not_found';
  return { code, result, found, categories: 'cleCategories' in result ? Object.entries(result.cleCategories).map(([name, hours]) => ({ name, hours })) : [] };
}

@Injectable()
export class CertificatePagesService {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly verification: VerificationService,
    private readonly wallet: WalletIssuanceService,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forDashboard(userId: string): Promise<object[]> {
    const mine = await this.certificates.listForUser(userId);
    return mine.map((c) => ({ ...c, verifyUrl: verifyUrl(this.config.publicUrl, c.code) }));
  }

  /** The wallet page: a fresh OpenID4VCI offer as a QR code (SVG as a data: image, which the CSP allows) and a link. */
  async walletOffer(user: AuthenticatedUser, code: string): Promise<object> {
    const { credentialOffer, expiresAt } = await this.wallet.offer({ id: user.id, role: user.role }, code);
    const svg = await QRCode.toString(credentialOffer, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    const course = (await this.certificates.listForUser(user.id)).find((c) => c.code === code);
    return { title: 'wallet.title', code, courseTitle: course?.courseTitle, credentialOffer, expiresAt, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  pdf(user: AuthenticatedUser, code: string): Promise<Buffer> {
    return this.certificates.pdf({ id: user.id, role: user.role }, code);
  }

  /** `/verify?code=…` is the no-JavaScript lookup form: it sends the visitor to the certificate's own page. */
  lookup(code: unknown): PageResult {
    const trimmed = typeof code === 'string' ? code.trim() : '';
    // A failed check symbol is a typo in what was typed, not a missing certificate: say so before any lookup.
    const typo = trimmed !== '' && CODE.test(trimmed) && certificateCodeProblem(trimmed) === 'typo';
    if (trimmed && CODE.test(trimmed) && !typo) return { redirect: verifyPath(trimmed) };
    return { view: 'pages/verify-form', status: trimmed ? 400 : 200, data: { code: trimmed, codeError: typo ? 'verify.typo' : trimmed ? 'verify.badCode' : null } };
  }

  async byCode(code: string, client: string): Promise<PageResult> {
    const result = await this.verification.byCode(code, client);
    return { view: 'pages/verify-result', status: result.status === 'not_found' ? 404 : 200, data: verifyResultView(code, result) };
  }

  async byDocument(file: { buffer: Buffer; size: number } | undefined, client: string): Promise<PageResult> {
    if (!file || file.size === 0) return { view: 'pages/verify-form', status: 400, data: { fileError: 'verify.noFile' } };
    const verdict = await this.verification.byDocument(file.buffer, client);
    const facts = verdict.code ? await this.verification.byCode(verdict.code) : null;
    return { view: 'pages/verify-form', data: { document: verdict, facts: facts && facts.status !== 'not_found' ? facts : null } };
  }

  async adminList(query: unknown, extra: object = {}): Promise<object> {
    const q = typeof query === 'string' && query.trim() ? query.trim().slice(0, 100) : undefined;
    const page = await this.certificates.list({ limit: 50, offset: 0, ...(q ? { query: q } : {}) });
    return { title: 'admin.certificates.title', query: q ?? '', ...page, ...extra };
  }

  async revoke(code: string, body: Record<string, unknown>, adminId: string): Promise<PageResult> {
    const reason = typeof body['reason'] === 'string' ? body['reason'].trim() : '';
    if (reason.length < 3 || reason.length > 500) {
      return { view: 'pages/admin/certificates', status: 400, data: await this.adminList(code, { reasonError: 'admin.certificates.reasonRequired', failedCode: code }) };
    }
    try {
      await this.certificates.revoke(code, reason, adminId);
    } catch (err) {
      if (!(err instanceof DomainError && err.code === ErrorCode.Conflict)) throw err;
    }
    return { redirect: `/admin/certificates?query=${encodeURIComponent(code)}&revoked=1` };
  }

  /**
   * A new certificate with the holder's current name (after a correction), the old one superseded.
   * POST-redirect-GET to the new certificate; a stale form posted again finds the old one revoked and
   * says so instead of issuing twice (the service refuses under the certificate's row lock).
   */
  async reissue(code: string, adminId: string): Promise<PageResult> {
    try {
      const fresh = await this.certificates.reissue(code, adminId);
      return { redirect: `/admin/certificates?query=${encodeURIComponent(fresh.code)}&reissued=1` };
    } catch (err) {
      if (!(err instanceof DomainError && err.code === ErrorCode.Conflict)) throw err;
      return { redirect: `/admin/certificates?query=${encodeURIComponent(code)}&notReissued=1` };
    }
  }

  /** The audit log, newest first, 50 a page, filtered by action, actor, subject and days; a bad filter is a 400 next to its field. */
  async auditPage(query: Record<string, unknown>): Promise<PageResult> {
    const form = Object.fromEntries(AUDIT_FILTERS.map((f) => [f, typeof query[f] === 'string' ? (query[f] as string).trim() : '']));
    const pageNo = typeof query['page'] === 'string' && /^[1-9]\d{0,5}$/.test(query['page']) ? Number(query['page']) : 1;
    const { value, errors } = await validateForm(AuditQueryDto, form);
    let found = { total: 0, entries: [] as Awaited<ReturnType<AuditLog['list']>>['entries'] };
    let fieldErrors = errors;
    if (!fieldErrors) {
      try {
        found = await this.audit.list({ limit: AUDIT_PER_PAGE, offset: (pageNo - 1) * AUDIT_PER_PAGE }, value);
      } catch (err) {
        const field = err instanceof DomainError && err.code === ErrorCode.ValidationFailed ? err.details?.['field'] : undefined;
        if (typeof field !== 'string') throw err;
        fieldErrors = { [field]: `form.invalid.${field}` };
      }
    }
    const pages = Math.max(1, Math.ceil(found.total / AUDIT_PER_PAGE));
    const link = (p: number) => `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(form).filter(([, v]) => v)), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;
    return {
      view: 'pages/admin/audit',
      status: fieldErrors ? 400 : 200,
      data: {
        title: 'admin.audit.title',
        form,
        errors: fieldErrors ?? {},
        errorList: Object.entries(fieldErrors ?? {}).map(([field, message]) => ({ field, message })),
        total: found.total, page: pageNo, pages,
        entries: found.entries.map((e) => ({ ...e, detailsText: Object.keys(e.details ?? {}).length ? JSON.stringify(e.details) : '' })),
        previous: pageNo > 1 ? link(pageNo - 1) : null,
        next: pageNo < pages ? link(pageNo + 1) : null,
      },
    };
  }
}

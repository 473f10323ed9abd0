import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '@themis/core';
import { NotFoundResponse, VerificationResponse } from '../certificates/certificate.view';
import { categoryLabel, formatDate, formatHours, professionLabel } from '../pdf/certificate-wording';

const STATUS_LABELS: Record<string, string> = { valid: 'valid', revoked: 'revoked', expired: 'expired', not_found: 'not found' };

// The template is read from the source tree (tsc does not copy .hbs files into dist/); compiled once.
const template = Handlebars.create().compile(fs.readFileSync(path.join(projectRoot, 'libs', 'certification', 'src', 'verification', 'verify-page.hbs'), 'utf8'), {
  strict: false,
  noEscape: false,
});

/** The public verification page: plain semantic HTML, escaped output, no scripts or inline styles. */
export function renderVerifyPage(code: string, v: VerificationResponse | NotFoundResponse): string {
  if (v.status === 'not_found') return template({ found: false, title: 'Not found', code });
  const c = v as VerificationResponse;
  const date = (s: string | null) => (s ? formatDate(new Date(s)) : null);
  return template({
    found: true,
    title: `${STATUS_LABELS[c.status]}: ${c.code}`,
    statusLabel: STATUS_LABELS[c.status],
    revoked: c.status === 'revoked',
    expired: c.status === 'expired',
    code: c.code,
    holderName: c.holderName,
    profession: professionLabel(c.profession),
    courseTitle: c.courseTitle,
    courseVersion: c.courseVersion,
    cleHours: formatHours(c.cleHours),
    categories: Object.entries(c.cleCategories).map(([k, h]) => ({ label: categoryLabel(k), hours: formatHours(Number(h)) })),
    completedAt: date(c.completedAt),
    issuedAt: date(c.issuedAt),
    expiresAt: date(c.expiresAt),
    revokedAt: date(c.revokedAt),
    revocationReason: c.revocationReason,
    supersededBy: c.supersededBy,
    replaces: c.replaces,
    issuer: c.issuer,
  });
}

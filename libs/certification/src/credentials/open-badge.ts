import { CertificateRow } from '../certificates/certificate.view';
import { fill, isDocumentLanguage, labelsFor } from '../pdf/certificate-labels';
import { ISSUER_NAME } from '../signing/signing-keys';
import { CLR_V2, OB_V3, OB_V3_EXTENSIONS, VC_V2 } from './linked-data';
import { credentialStatusEntries } from './status-list';
import { verifyUrl } from '../codes/verify-url';

export interface CredentialContext {
  publicUrl: string;
  issuerId: string;
}

export type Credential = Record<string, unknown> & { id: string; credentialSubject: { id: string } & Record<string, unknown> };

export const issuerProfile = (ctx: CredentialContext) => ({ id: ctx.issuerId, type: ['Profile'], name: ISSUER_NAME, url: ctx.publicUrl });

const achievementId = (c: CertificateRow, ctx: CredentialContext) => `${ctx.publicUrl}/courses/${c.courseSlug}#version-${c.courseVersion}`;
const categoryResultId = (achievementId: string, category: string) => `${achievementId}#cle-${encodeURIComponent(category)}`;

/** The credential's texts in the language the course was taken in: the certified title is in it. */
const wordingOf = (c: CertificateRow) => labelsFor(c.courseLanguage).credential;

/**
 * The course as an Open Badges Achievement. Its name and description are in the course's language,
 * which `inLanguage` states (OB 3.0's language tag for an achievement; its JSON Schema allows plain
 * strings only, so no JSON-LD value objects).
 */
function achievement(c: CertificateRow, ctx: CredentialContext): Record<string, unknown> {
  const id = achievementId(c, ctx);
  const words = wordingOf(c);
  return {
    id,
    type: ['Achievement'],
    achievementType: 'Certificate',
    name: c.courseTitle,
    description: fill(words.description, { title: c.courseTitle, n: c.courseVersion }),
    criteria: { narrative: words.criteria },
    creditsAvailable: c.cleHours,
    inLanguage: isDocumentLanguage(c.courseLanguage) ? c.courseLanguage : 'en',
    // The CLE hours per category, as Open Badges results (resultType an `ext:` value, as the standard allows).
    resultDescription: Object.keys(c.cleCategories).map((category) => ({ id: categoryResultId(id, category), type: ['ResultDescription'], name: fill(words.category, { category }), resultType: 'ext:CleHours' })),
  };
}

/**
 * A certificate as an Open Badges 3.0 OpenBadgeCredential (https://www.imsglobal.org/spec/ob/v3p0/), unsigned:
 * the JWT form carries it as `vc`, the Data Integrity form gets a proof. Only terms of the bundled contexts
 * are used (the profession as `role`, hours per category as `result`): a Data Integrity signature refuses a
 * term its contexts do not define, and wallets load no context they do not ship.
 */
export function openBadgeCredential(c: CertificateRow, statusListNumber: number, ctx: CredentialContext): Credential {
  const verifyPage = verifyUrl(ctx.publicUrl, c.code);
  return {
    '@context': [VC_V2, OB_V3, OB_V3_EXTENSIONS],
    id: verifyPage,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: fill(wordingOf(c).name, { title: c.courseTitle }),
    issuer: issuerProfile(ctx),
    validFrom: c.issuedAt.toISOString(),
    ...(c.expiresAt ? { validUntil: c.expiresAt.toISOString() } : {}),
    credentialSubject: {
      id: `urn:uuid:${c.userId}`,
      type: ['AchievementSubject'],
      name: c.holderName,
      ...(c.barNumber ? { identifier: [{ type: 'IdentityObject', identityType: 'identifier', hashed: false, identityHash: c.barNumber, salt: '' }] } : {}),
      role: c.profession,
      activityEndDate: c.completedAt.toISOString(),
      creditsEarned: c.cleHours,
      result: Object.entries(c.cleCategories).map(([category, hours]) => ({ type: ['Result'], resultDescription: categoryResultId(achievementId(c, ctx), category), value: String(hours) })),
      achievement: achievement(c, ctx),
    },
    credentialStatus: credentialStatusEntries(ctx.publicUrl, statusListNumber),
    evidence: [{ id: verifyPage, type: ['Evidence'], name: 'Public verification page', narrative: `Certificate code ${c.code}` }],
  };
}

/**
 * A Comprehensive Learner Record 2.0 ClrCredential (https://www.imsglobal.org/spec/clr/v2p0/) of all a
 * learner's certificates: each one embedded as its own signed OpenBadgeCredential, so a verifier can check
 * the transcript as a whole and every certificate in it.
 */
export function clrCredential(learner: { id: string; name: string }, signed: Credential[], rows: CertificateRow[], issuedAt: Date, ctx: CredentialContext): Credential {
  return {
    '@context': [VC_V2, CLR_V2, OB_V3],
    id: `${ctx.publicUrl}/transcript#${learner.id}-${issuedAt.getTime()}`,
    type: ['VerifiableCredential', 'ClrCredential'],
    name: `CLE transcript: ${learner.name}`,
    issuer: issuerProfile(ctx),
    validFrom: issuedAt.toISOString(),
    credentialSubject: {
      id: `urn:uuid:${learner.id}`,
      type: ['ClrSubject'],
      verifiableCredential: signed,
      achievement: [...new Map(rows.map((r) => [achievement(r, ctx).id, achievement(r, ctx)])).values()],
    },
  };
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, notFound } from '@themis/core';
import { Permission, PermissionService, UsersService } from '@themis/identity';
import { normalizeCertificateCode } from '../codes/certificate-code';
import { CertificateRepository } from '../certificates/certificate.repository';
import { CertificateRow, NotFoundResponse, toVerification, VerificationResponse } from '../certificates/certificate.view';
import { Requester } from '../certificates/certificates.service';
import { ISSUER_NAME } from '../signing/signing-keys';
import { CredentialSigner } from './credential-signer.service';
import { CredentialStatusRepository } from './credential-status.repository';
import { OB_V3, VC_V2 } from './linked-data';
import { clrCredential, Credential, CredentialContext, openBadgeCredential } from './open-badge';

export type CredentialFormat = 'jwt_vc_json' | 'ldp_vc';

export interface CredentialResponse {
  /** A JWT-VC (compact JWS, EdDSA or RS256): verify it with the key at /.well-known/jwks.json. */
  format: 'jwt_vc_json';
  jwt: string;
  credential: Record<string, unknown>;
}

export interface CredentialCheckResponse {
  signatureValid: boolean;
  certificate: VerificationResponse | NotFoundResponse | null;
}

/**
 * Each certificate as an Open Badges 3.0 credential (W3C Verifiable Credential) in two forms: a VC-JWT,
 * and the bare credential with an embedded Data Integrity proof, the form wallets such as the Learner
 * Credential Wallet verify. Both name the same issuer DID and point to the same status entries.
 */
@Injectable()
export class CredentialService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signer: CredentialSigner,
    private readonly certificates: CertificateRepository,
    private readonly status: CredentialStatusRepository,
    private readonly permissions: PermissionService,
    private readonly users: UsersService,
  ) {}

  async forCertificate(requester: Requester, code: string): Promise<CredentialResponse> {
    const row = await this.readableRow(requester, code);
    const base = await this.credential(row);
    // The JWT is not JSON-LD processed: it keeps the plain fields it has always carried beside the OB terms.
    const credential = { ...base, credentialSubject: { ...base.credentialSubject, profession: row.profession, cleHours: row.cleHours, cleCategories: row.cleCategories } };
    return { format: 'jwt_vc_json', jwt: this.signer.jwt(credential), credential };
  }

  /** The bare credential with its eddsa-rdfc-2022 proof (served as application/ld+json). */
  async dataIntegrityForCertificate(requester: Requester, code: string): Promise<Record<string, unknown>> {
    const row = await this.readableRow(requester, code);
    return this.signer.signedOpenBadge(row, (await this.status.sequenceNumber(row.code))!);
  }

  /** The learner's live certificates in one signed CLR 2.0 credential, each embedded with its own proof. */
  async transcriptCredential(userId: string): Promise<Record<string, unknown>> {
    const [user, all] = await Promise.all([this.users.findById(userId), this.certificates.listForUser(userId)]);
    const rows = all.filter((r) => !r.supersededBy);
    const numbers = await this.status.sequenceNumbers(rows.map((r) => r.code));
    const signed = await Promise.all(rows.map((r) => this.signer.dataIntegrity.sign(openBadgeCredential(r, numbers.get(r.code)!, this.context()))));
    return this.signer.dataIntegrity.sign(clrCredential({ id: userId, name: user.fullName }, signed, rows, new Date(), this.context()));
  }

  /** Checks a VC-JWT's signature against the platform keys and reports the certificate's current status. */
  async check(jwt: string): Promise<CredentialCheckResponse> {
    const payload = this.signer.verifyJwt(jwt);
    if (!payload) return { signatureValid: false, certificate: null };
    const code = normalizeCertificateCode(String(payload.vc?.id ?? '').split('/').pop());
    const row = code ? await this.certificates.findByCode(code) : null;
    return { signatureValid: true, certificate: row ? toVerification(row) : { status: 'not_found' } };
  }

  /** The issuer profile with its public keys: what a relying party needs to verify offline. */
  issuerDocument(): Record<string, unknown> {
    const keys = this.signer.jwks();
    return {
      '@context': [VC_V2, OB_V3],
      id: this.signer.identity.did,
      type: ['Profile'],
      name: ISSUER_NAME,
      url: this.config.publicUrl,
      verificationUrl: `${this.config.publicUrl}/verify/{code}`,
      jwksUri: `${this.config.publicUrl}/.well-known/jwks.json`,
      publicKeyJwk: keys[0],
      jwks: { keys },
    };
  }

  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: this.signer.jwks() as unknown as Record<string, unknown>[] };
  }

  /** The DID document of a did:web issuer; 404 for a did:key (did:web resolves over https only). */
  didDocument(): Record<string, unknown> {
    const doc = this.signer.didDocument();
    if (!doc) throw notFound('DID document');
    return doc;
  }

  /** The certificate when the requester holds it (or may read any); otherwise "not found". */
  async readableRow(requester: Requester, code: string): Promise<CertificateRow> {
    const canonical = normalizeCertificateCode(code);
    const row = canonical ? await this.certificates.findByCode(canonical) : null;
    if (!row || (row.userId !== requester.id && !this.permissions.has(requester.role, Permission.ReadAnyCertificate))) throw notFound('Certificate');
    return row;
  }

  private async credential(row: CertificateRow): Promise<Credential> {
    const n = await this.status.sequenceNumber(row.code);
    return openBadgeCredential(row, n!, this.context());
  }

  private context(): CredentialContext {
    return this.signer.context();
  }
}

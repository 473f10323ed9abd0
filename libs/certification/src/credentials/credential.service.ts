import * as crypto from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, notFound } from '@themis/core';
import { Permission, PermissionService } from '@themis/identity';
import { normalizeCertificateCode } from '../codes/certificate-code';
import { CertificateRepository } from '../certificates/certificate.repository';
import { CertificateRow, NotFoundResponse, toVerification, VerificationResponse } from '../certificates/certificate.view';
import { Requester } from '../certificates/certificates.service';
import { ISSUER_NAME } from '../signing/signing-keys';
import { SigningKeys } from '../signing/signing-keys.service';

export interface CredentialResponse {
  /** A JWT-VC (compact JWS, EdDSA/Ed25519): verify it with the key at /.well-known/jwks.json. */
  format: 'jwt_vc_json';
  jwt: string;
  credential: Record<string, unknown>;
}

export interface CredentialCheckResponse {
  signatureValid: boolean;
  certificate: VerificationResponse | NotFoundResponse | null;
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Each certificate as an Open Badges 3.0 credential (W3C Verifiable Credential) in the
 * VC-JWT form (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof-format): a third party
 * checks it with any JOSE library and the published Ed25519 key, without calling Themis.
 */
@Injectable()
export class CredentialService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SigningKeys,
    private readonly certificates: CertificateRepository,
    private readonly permissions: PermissionService,
  ) {}

  async forCertificate(requester: Requester, code: string): Promise<CredentialResponse> {
    const canonical = normalizeCertificateCode(code);
    const row = canonical ? await this.certificates.findByCode(canonical) : null;
    if (!row || (row.userId !== requester.id && !this.permissions.has(requester.role, Permission.ReadAnyCertificate))) throw notFound('Certificate');
    const credential = this.credential(row);
    const payload: Record<string, unknown> = {
      iss: this.issuerId(),
      sub: credential.credentialSubject && (credential.credentialSubject as { id: string }).id,
      jti: credential.id,
      iat: seconds(row.issuedAt),
      nbf: seconds(row.issuedAt),
      ...(row.expiresAt ? { exp: seconds(row.expiresAt) } : {}),
      vc: credential,
    };
    const header = { alg: 'EdDSA', typ: 'JWT', kid: this.keys.credential.publicJwk.kid };
    const input = `${b64url(header)}.${b64url(payload)}`;
    const signature = crypto.sign(null, Buffer.from(input, 'ascii'), this.keys.credential.privateKey).toString('base64url');
    return { format: 'jwt_vc_json', jwt: `${input}.${signature}`, credential };
  }

  /** Checks a VC-JWT's signature against the platform key and reports the certificate's current status. */
  async check(jwt: string): Promise<CredentialCheckResponse> {
    const parts = jwt.split('.');
    if (parts.length !== 3) return { signatureValid: false, certificate: null };
    let header: { alg?: string; kid?: string };
    let payload: { vc?: { id?: string } };
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { signatureValid: false, certificate: null };
    }
    const ok = header.alg === 'EdDSA' && crypto.verify(null, Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'), crypto.createPublicKey({ key: this.keys.credential.publicJwk, format: 'jwk' }), Buffer.from(parts[2], 'base64url'));
    if (!ok) return { signatureValid: false, certificate: null };
    const code = normalizeCertificateCode(String(payload.vc?.id ?? '').split('/').pop());
    const row = code ? await this.certificates.findByCode(code) : null;
    return { signatureValid: true, certificate: row ? toVerification(row) : { status: 'not_found' } };
  }

  /** The issuer profile with its public key: what a relying party needs to verify offline. */
  issuerDocument(): Record<string, unknown> {
    const jwk = this.keys.credential.publicJwk;
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: this.issuerId(),
      type: ['Profile'],
      name: ISSUER_NAME,
      url: this.config.publicUrl,
      verificationUrl: `${this.config.publicUrl}/verify/{code}`,
      jwksUri: `${this.config.publicUrl}/.well-known/jwks.json`,
      publicKeyJwk: jwk,
      jwks: { keys: [jwk] },
    };
  }

  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: [this.keys.credential.publicJwk as unknown as Record<string, unknown>] };
  }

  private issuerId(): string {
    return `${this.config.publicUrl}/.well-known/themis-issuer.json`;
  }

  private credential(c: CertificateRow): Record<string, unknown> & { credentialSubject: unknown } {
    const verifyUrl = `${this.config.publicUrl}/verify/${c.code}`;
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: verifyUrl,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: `CLE certificate: ${c.courseTitle}`,
      issuer: { id: this.issuerId(), type: ['Profile'], name: ISSUER_NAME, url: this.config.publicUrl },
      validFrom: c.issuedAt.toISOString(),
      ...(c.expiresAt ? { validUntil: c.expiresAt.toISOString() } : {}),
      credentialSubject: {
        id: `urn:uuid:${c.userId}`,
        type: ['AchievementSubject'],
        name: c.holderName,
        ...(c.barNumber ? { identifier: [{ type: 'IdentityObject', identityType: 'identifier', hashed: false, identityHash: c.barNumber, salt: '' }] } : {}),
        profession: c.profession,
        activityEndDate: c.completedAt.toISOString(),
        creditsEarned: c.cleHours,
        cleHours: c.cleHours,
        cleCategories: c.cleCategories,
        achievement: {
          id: `${this.config.publicUrl}/courses/${c.courseSlug}#version-${c.courseVersion}`,
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: c.courseTitle,
          description: `Continuing legal education: ${c.courseTitle} (version ${c.courseVersion})`,
          criteria: { narrative: 'Completed every lesson and passed every quiz of the course.' },
          creditsAvailable: c.cleHours,
        },
      },
      // Revocation cannot live in a signed file: the live status is at this URL.
      credentialStatus: { id: `${this.config.publicUrl}/api/v1/verify/${c.code}`, type: 'ThemisVerificationApi' },
      evidence: [{ id: verifyUrl, type: ['Evidence'], name: 'Public verification page', narrative: `Certificate code ${c.code}` }],
    };
  }
}

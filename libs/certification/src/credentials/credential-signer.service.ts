import * as crypto from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { SigningKeys } from '../signing/signing-keys.service';
import { DataIntegritySigner } from './data-integrity.signer';
import { didDocument, IssuerIdentity, issuerIdentity } from './issuer-did';
import type { CertificateRow } from '../certificates/certificate.view';
import { Credential, CredentialContext, openBadgeCredential } from './open-badge';

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

type PublishedJwk = crypto.JsonWebKey & { kid: string; alg: string; use: string };

/**
 * The issuer's identity and its two signatures: the Data Integrity proof (Ed25519, eddsa-rdfc-2022) and
 * the VC-JWT (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof-format), EdDSA or RS256 by CREDENTIAL_JWT_ALG.
 */
@Injectable()
export class CredentialSigner {
  readonly identity: IssuerIdentity;
  readonly dataIntegrity: DataIntegritySigner;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly keys: SigningKeys) {
    const raw = Buffer.from(keys.credential.publicJwk.x!, 'base64url');
    this.identity = issuerIdentity(config.publicUrl, raw);
    this.dataIntegrity = new DataIntegritySigner(this.identity, keys.credential.privateKey);
  }

  /** Names the issuer and where its pages are, for the credential builders. */
  context(): CredentialContext {
    return { publicUrl: this.config.publicUrl, issuerId: this.identity.did };
  }

  /** A certificate's Open Badges credential with its eddsa-rdfc-2022 proof (what a wallet stores, what the PDF carries). */
  signedOpenBadge(row: CertificateRow, statusListIndex: number): Promise<Record<string, unknown>> {
    return this.dataIntegrity.sign(openBadgeCredential(row, statusListIndex, this.context()));
  }

  /** The published keys, each with the id a JWT names in `kid`. */
  jwks(): PublishedJwk[] {
    const { publicJwk, rsa } = this.keys.credential;
    return [{ ...publicJwk, kid: this.identity.keyId }, ...(rsa ? [{ ...rsa.publicJwk, kid: this.rsaKeyId(rsa.publicJwk.kid) }] : [])];
  }

  /** The did:web document; null for a did:key, which every resolver derives from the id itself. */
  didDocument(): Record<string, unknown> | null {
    if (this.identity.method !== 'web') return null;
    const rsa = this.jwks().filter((k) => k.alg === 'RS256').map(({ kid, alg: _a, use: _u, ...jwk }) => ({ id: kid, publicKeyJwk: jwk as Record<string, unknown> }));
    return didDocument(this.identity, rsa);
  }

  /** The OB 3.0 JWT claims: iss, sub, nbf, jti, exp from the credential, `vc` the credential itself. */
  jwt(credential: Credential): string {
    const rsa = this.config.credentialJwtAlg === 'RS256' ? this.keys.credential.rsa : undefined;
    const header = rsa ? { alg: 'RS256', typ: 'JWT', kid: this.rsaKeyId(rsa.publicJwk.kid) } : { alg: 'EdDSA', typ: 'JWT', kid: this.identity.keyId };
    const payload = {
      iss: this.identity.did,
      sub: credential.credentialSubject.id,
      jti: credential.id,
      iat: seconds(credential.validFrom as string),
      nbf: seconds(credential.validFrom as string),
      ...(credential.validUntil ? { exp: seconds(credential.validUntil as string) } : {}),
      vc: credential,
    };
    const input = Buffer.from(`${b64url(header)}.${b64url(payload)}`, 'ascii');
    const signature = rsa ? crypto.sign('sha256', input, rsa.privateKey) : crypto.sign(null, input, this.keys.credential.privateKey);
    return `${input.toString('ascii')}.${signature.toString('base64url')}`;
  }

  /** The JWT's payload when its signature holds under one of the published keys, else null. */
  verifyJwt(jwt: string): { vc?: { id?: string } } | null {
    const parts = jwt.split('.');
    if (parts.length !== 3) return null;
    try {
      const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: string; kid?: string };
      const key = this.jwks().find((k) => k.alg === header.alg && (!header.kid || header.kid === k.kid));
      if (!key) return null;
      const input = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
      const publicKey = crypto.createPublicKey({ key, format: 'jwk' });
      const ok = crypto.verify(key.alg === 'RS256' ? 'sha256' : null, input, publicKey, Buffer.from(parts[2], 'base64url'));
      return ok ? JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) : null;
    } catch {
      return null;
    }
  }

  private rsaKeyId(thumbprint: string): string {
    return `${this.identity.did}#${thumbprint}`;
  }
}

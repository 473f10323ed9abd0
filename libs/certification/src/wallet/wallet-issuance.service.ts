import * as crypto from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@themis/core';
import { CredentialService } from '../credentials/credential.service';
import { CredentialSigner } from '../credentials/credential-signer.service';
import { CredentialStatusRepository } from '../credentials/credential-status.repository';
import { CertificateRepository } from '../certificates/certificate.repository';
import { Requester } from '../certificates/certificates.service';
import { OB_V3, VC_V2 } from '../credentials/linked-data';
import { ISSUER_NAME } from '../signing/signing-keys';
import { SigningKeys } from '../signing/signing-keys.service';
import { CredentialOfferRepository } from './credential-offer.repository';
import { joseCallbacks } from './jose-callbacks';
import { openid4vc } from './openid4vci-libraries';

/** The one credential configuration offered: the certificate's Open Badges credential with its Data Integrity proof. */
export const OPEN_BADGE_LDP_VC = 'OpenBadgeCredential_ldp_vc';
/** A pre-authorized code lives ten minutes (OpenID4VCI 1.0 §4.1.1: "short lived and single use"); an access token five. */
export const OFFER_TTL_SECONDS = 600;
const ACCESS_TOKEN_TTL_SECONDS = 300;

export interface CredentialOfferResponse {
  /** `openid-credential-offer://?credential_offer=…`: what the QR code encodes and the link opens. */
  credentialOffer: string;
  expiresAt: string;
}

/** A request as the OAuth libraries read it. */
export interface IncomingRequest {
  method: string;
  /** The path and query (as express's originalUrl). */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow, with the @openid4vc libraries:
 * the holder asks for an offer (a QR code on the certificate page), the wallet redeems its code once at the
 * token endpoint and fetches the credential with the access token. Themis is its own authorization server;
 * access tokens are JWTs (RFC 9068) signed with the issuer's Ed25519 key, published in /.well-known/jwks.json.
 */
@Injectable()
export class WalletIssuanceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SigningKeys,
    private readonly signer: CredentialSigner,
    private readonly credentials: CredentialService,
    private readonly certificates: CertificateRepository,
    private readonly status: CredentialStatusRepository,
    private readonly offers: CredentialOfferRepository,
  ) {}

  private get issuerUrl(): string {
    return this.config.publicUrl;
  }

  credentialIssuerMetadata(): Record<string, unknown> {
    return {
      credential_issuer: this.issuerUrl,
      credential_endpoint: `${this.issuerUrl}/api/v1/oid4vci/credential`,
      display: [{ name: ISSUER_NAME, locale: 'en' }],
      credential_configurations_supported: {
        [OPEN_BADGE_LDP_VC]: {
          format: 'ldp_vc',
          // The credential names the holder as urn:uuid:<account>, not a wallet key: no proof of possession is asked.
          credential_definition: { '@context': [VC_V2, OB_V3], type: ['VerifiableCredential', 'OpenBadgeCredential'] },
          credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
          credential_metadata: { display: [{ name: 'CLE certificate', locale: 'en' }, { name: 'DHT sertifikatı', locale: 'az' }, { name: 'Сертификат ПЮО', locale: 'ru' }] },
        },
      },
    };
  }

  authorizationServerMetadata(): Record<string, unknown> {
    return {
      issuer: this.issuerUrl,
      token_endpoint: `${this.issuerUrl}/api/v1/oid4vci/token`,
      jwks_uri: `${this.issuerUrl}/.well-known/jwks.json`,
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
      'pre-authorized_grant_anonymous_access_supported': true,
    };
  }

  /** A fresh offer of the requester's certificate; someone else's is "not found", as everywhere. */
  async offer(requester: Requester, code: string): Promise<CredentialOfferResponse> {
    const row = await this.credentials.readableRow(requester, code);
    const lib = await this.libraries();
    const preAuthorizedCode = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + OFFER_TTL_SECONDS * 1000);
    await this.offers.insert(row.id, sha256(preAuthorizedCode), expiresAt);
    const { credentialOffer } = await lib.issuer.createCredentialOffer({
      issuerMetadata: await this.resolvedMetadata(),
      credentialConfigurationIds: [OPEN_BADGE_LDP_VC],
      grants: { [lib.preAuthorizedCodeGrantIdentifier]: { 'pre-authorized_code': preAuthorizedCode } },
    });
    return { credentialOffer, expiresAt: expiresAt.toISOString() };
  }

  /** The token endpoint (RFC 6749 §3.2 with the pre-authorized code grant): the code works once, within its lifetime. */
  async token(req: IncomingRequest): Promise<Record<string, unknown>> {
    const lib = await this.libraries();
    return oauthErrors(async () => {
      const parsed = lib.authorizationServer.parseAccessTokenRequest({ request: this.requestLike(req), accessTokenRequest: req.body });
      if (parsed.grant.grantType !== lib.preAuthorizedCodeGrantIdentifier) throw invalidGrant('Only the pre-authorized code grant is offered');
      const offer = await this.offers.findByCode(sha256(String(parsed.grant.preAuthorizedCode)));
      if (!offer) throw invalidGrant("Invalid 'pre-authorized_code' provided");
      await lib.authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
        grant: parsed.grant,
        accessTokenRequest: parsed.accessTokenRequest,
        request: this.requestLike(req),
        expectedPreAuthorizedCode: parsed.grant.preAuthorizedCode,
        preAuthorizedCodeExpiresAt: offer.expiresAt,
        authorizationServerMetadata: this.authorizationServerMetadata(),
      });
      if (!(await this.offers.redeem(offer.id))) throw invalidGrant("The 'pre-authorized_code' was already used");
      return lib.authorizationServer.createAccessTokenResponse({
        audience: this.issuerUrl,
        authorizationServer: this.issuerUrl,
        expiresInSeconds: ACCESS_TOKEN_TTL_SECONDS,
        subject: `urn:themis:certificate:${offer.certificateCode}`,
        signer: { method: 'did', alg: 'EdDSA', didUrl: this.signer.identity.keyId },
        additionalAccessTokenPayload: { certificate: offer.certificateCode },
      });
    });
  }

  /** The credential endpoint: the bearer access token names the certificate; the answer is its signed credential. */
  async credential(req: IncomingRequest): Promise<Record<string, unknown>> {
    const lib = await this.libraries();
    return oauthErrors(async () => {
      const { tokenPayload } = await lib.resourceServer.verifyResourceRequest({
        request: this.requestLike(req),
        resourceServer: this.issuerUrl,
        authorizationServers: [this.authorizationServerMetadata()],
        allowedAuthenticationSchemes: ['Bearer'],
      });
      const issuerMetadata = await this.resolvedMetadata();
      const parsed = lib.issuer.parseCredentialRequest({ issuerMetadata, credentialRequest: req.body });
      if (parsed.credentialConfigurationId !== OPEN_BADGE_LDP_VC) {
        throw new DomainError(ErrorCode.ValidationFailed, 'credential_configuration_id: only OpenBadgeCredential_ldp_vc is offered', { error: 'unknown_credential_configuration', error_description: `credential_configuration_id must be ${OPEN_BADGE_LDP_VC}` });
      }
      const row = await this.certificates.findByCode(String(tokenPayload.certificate));
      if (!row) throw new DomainError(ErrorCode.Unauthenticated, 'The certificate of this access token is gone', { error: 'invalid_token', error_description: 'certificate not found' });
      const credential = await this.signer.signedOpenBadge(row, (await this.status.sequenceNumber(row.code))!);
      return lib.issuer.createCredentialResponse({ credentialRequest: parsed, credentials: [{ credential }] });
    });
  }

  private requestLike(req: IncomingRequest) {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      try {
        headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      } catch {
        // A header value fetch's Headers refuses (node's parser is laxer): not one the OAuth checks read.
      }
    }
    return { method: req.method, url: `${this.issuerUrl}${req.path}`, headers };
  }

  private async resolvedMetadata() {
    const lib = await this.libraries();
    const credentialIssuer = lib.issuer.createCredentialIssuerMetadata(this.credentialIssuerMetadata());
    return {
      originalDraftVersion: lib.Openid4vciVersion.V1,
      credentialIssuer,
      authorizationServers: [lib.authorizationServer.createAuthorizationServerMetadata(this.authorizationServerMetadata())],
      knownCredentialConfigurations: lib.issuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
    };
  }

  private built?: Promise<{ issuer: any; authorizationServer: any; resourceServer: any; Openid4vciVersion: { V1: string }; preAuthorizedCodeGrantIdentifier: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any

  private libraries() {
    this.built ??= (async () => {
      const lib = await openid4vc();
      // http PUBLIC_URLs (development, tests) are refused by the libraries unless allowed; production is https.
      if (!this.issuerUrl.startsWith('https://')) lib.setGlobalConfig({ allowInsecureUrls: true });
      const jwks = { keys: this.signer.jwks() };
      const callbacks = joseCallbacks({
        privateKey: this.keys.credential.privateKey,
        publicJwk: this.keys.credential.publicJwk,
        // The resource server reads the access token's key from our own JWKS: answered here, not over the network.
        fetch: (async (url: string | URL | Request) =>
          String(url) === `${this.issuerUrl}/.well-known/jwks.json` ? new Response(JSON.stringify(jwks), { headers: { 'Content-Type': 'application/json' } }) : fetch(url)) as typeof fetch,
      });
      return {
        issuer: new lib.Openid4vciIssuer({ callbacks }),
        authorizationServer: new lib.Oauth2AuthorizationServer({ callbacks }),
        resourceServer: new lib.Oauth2ResourceServer({ callbacks }),
        Openid4vciVersion: lib.Openid4vciVersion,
        preAuthorizedCodeGrantIdentifier: lib.preAuthorizedCodeGrantIdentifier,
      };
    })();
    return this.built;
  }
}

const invalidGrant = (description: string) => new DomainError(ErrorCode.ValidationFailed, description, { error: 'invalid_grant', error_description: description });

/**
 * The libraries' OAuth errors as DomainErrors whose body is also an RFC 6749 §5.2 / RFC 6750 §3 error
 * (`error`, `error_description`), which is what a wallet reads.
 */
async function oauthErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const err = e as { errorResponse?: { error: string; error_description?: string }; wwwAuthenticateHeaders?: { error?: string; error_description?: string }[] };
    if (err.errorResponse) {
      throw new DomainError(ErrorCode.ValidationFailed, err.errorResponse.error_description ?? err.errorResponse.error, { error: err.errorResponse.error, error_description: err.errorResponse.error_description });
    }
    if (err.wwwAuthenticateHeaders) {
      const h = err.wwwAuthenticateHeaders[0] ?? {};
      throw new DomainError(ErrorCode.Unauthenticated, h.error_description ?? 'A valid access token is required', { error: h.error ?? 'invalid_token', error_description: h.error_description ?? 'A valid access token is required' });
    }
    throw e;
  }
}

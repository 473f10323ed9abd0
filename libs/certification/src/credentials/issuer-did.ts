import { DID_V1, MULTIKEY_V1 } from './linked-data';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 (the Bitcoin alphabet), multibase prefix `z`. */
export function base58btc(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

/** An Ed25519 public key as Multikey `publicKeyMultibase`: multicodec 0xed01, base58btc (https://www.w3.org/TR/cid-1.0/#Multikey). */
export function ed25519Multibase(rawPublicKey: Uint8Array): string {
  if (rawPublicKey.length !== 32) throw new Error('An Ed25519 public key has 32 bytes');
  return 'z' + base58btc(Uint8Array.from([0xed, 0x01, ...rawPublicKey]));
}

/**
 * did:web resolves over https only (https://w3c-ccg.github.io/did-method-web/#read-resolve): the host,
 * a port percent-encoded as %3A, each path segment after a `:`. Null when the URL is not https.
 */
export function didWebFor(publicUrl: string): string | null {
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') return null;
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}

export interface IssuerIdentity {
  /** The issuer id in every credential form. */
  did: string;
  method: 'web' | 'key';
  /** The Ed25519 verification method: `proof.verificationMethod` and the EdDSA JWT's `kid`. */
  keyId: string;
  publicKeyMultibase: string;
}

/** did:web when PUBLIC_URL is https, else did:key of the signing key (the contract's Credentials row). */
export function issuerIdentity(publicUrl: string, rawPublicKey: Uint8Array): IssuerIdentity {
  const publicKeyMultibase = ed25519Multibase(rawPublicKey);
  const web = didWebFor(publicUrl);
  if (web) return { did: web, method: 'web', keyId: `${web}#key-1`, publicKeyMultibase };
  const did = `did:key:${publicKeyMultibase}`;
  return { did, method: 'key', keyId: `${did}#${publicKeyMultibase}`, publicKeyMultibase };
}

/** The Multikey verification method document, as a verifier's document loader resolves `keyId`. */
export function verificationMethod(identity: IssuerIdentity): Record<string, unknown> {
  return { '@context': MULTIKEY_V1, id: identity.keyId, type: 'Multikey', controller: identity.did, publicKeyMultibase: identity.publicKeyMultibase };
}

/** The DID document: the same for did:web (served at /.well-known/did.json) and did:key (derived, never served). */
export function didDocument(identity: IssuerIdentity, extraJwks: { id: string; publicKeyJwk: Record<string, unknown> }[] = []): Record<string, unknown> {
  const { '@context': _context, ...method } = verificationMethod(identity);
  const rsa = extraJwks.map((k) => ({ id: k.id, type: 'JsonWebKey2020', controller: identity.did, publicKeyJwk: k.publicKeyJwk }));
  const ids = [identity.keyId, ...rsa.map((k) => k.id)];
  return {
    '@context': [DID_V1, MULTIKEY_V1, ...(rsa.length ? ['https://w3id.org/security/suites/jws-2020/v1'] : [])],
    id: identity.did,
    verificationMethod: [method, ...rsa],
    assertionMethod: ids,
    authentication: ids,
  };
}

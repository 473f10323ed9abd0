import * as crypto from 'node:crypto';

type Jwk = crypto.JsonWebKey & { kid?: string };
type Signer = { method: string; alg: string; publicJwk?: Jwk; didUrl?: string; kid?: string };
type Jwt = { header: Record<string, unknown>; payload: Record<string, unknown>; compact?: string };

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const HASHES: Record<string, string> = { 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };

/** Node's crypto for the JWS algorithms Themis and its test wallet use: EdDSA (Ed25519), ES256, RS256. */
function sign(alg: string, input: Buffer, key: crypto.KeyObject): Buffer {
  if (alg === 'EdDSA') return crypto.sign(null, input, key);
  if (alg === 'ES256') return crypto.sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' });
  if (alg === 'RS256') return crypto.sign('sha256', input, key);
  throw new Error(`unsupported JWS alg ${alg}`);
}

function verify(alg: string, input: Buffer, key: crypto.KeyObject, signature: Buffer): boolean {
  if (alg === 'EdDSA') return crypto.verify(null, input, key, signature);
  if (alg === 'ES256') return crypto.verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (alg === 'RS256') return crypto.verify('sha256', input, key, signature);
  return false;
}

/**
 * The callbacks the @openid4vc libraries ask of their host: hashing, randomness, signing with `privateKey`
 * (whose public half is `publicJwk`), verifying against a public JWK. `fetch` lets a host answer some URLs itself.
 */
export function joseCallbacks(options: { privateKey?: crypto.KeyObject; publicJwk?: Jwk; fetch?: typeof fetch } = {}) {
  return {
    hash: (data: Uint8Array, alg: string) => new Uint8Array(crypto.createHash(HASHES[alg] ?? alg.replace('-', '')).update(data).digest()),
    generateRandom: (length: number) => new Uint8Array(crypto.randomBytes(length)),
    signJwt: async (signer: Signer, jwt: Jwt) => {
      if (!options.privateKey || !options.publicJwk) throw new Error('no signing key');
      const input = `${b64url(jwt.header)}.${b64url(jwt.payload)}`;
      const signature = sign(signer.alg, Buffer.from(input, 'ascii'), options.privateKey).toString('base64url');
      return { jwt: `${input}.${signature}`, signerJwk: options.publicJwk };
    },
    verifyJwt: async (signer: Signer, jwt: Jwt) => {
      const jwk = signer.publicJwk;
      if (!jwk || !jwt.compact) return { verified: false as const };
      const [h, p, s] = jwt.compact.split('.');
      try {
        const ok = verify(signer.alg, Buffer.from(`${h}.${p}`, 'ascii'), crypto.createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
        return ok ? { verified: true as const, signerJwk: jwk } : { verified: false as const };
      } catch {
        return { verified: false as const };
      }
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

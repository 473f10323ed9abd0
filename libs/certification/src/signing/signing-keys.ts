import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import forge from 'node-forge';
import { AppConfig, readOrCreateSecretFile } from '@themis/core';

export interface PdfSigningMaterial {
  privateKey: crypto.KeyObject;
  /** The signer's certificate, DER. */
  certificateDer: Buffer;
  /** The CA certificates above it (SIGNING_CERT_CHAIN_FILE), issuer first, DER; empty for the generated self-signed one. */
  chainDer: Buffer[];
}

export interface CredentialSigningMaterial {
  privateKey: crypto.KeyObject;
  publicJwk: crypto.JsonWebKey & { kid: string; alg: 'EdDSA'; use: 'sig' };
  /** The RSA key of the RS256 JWT form, present when CREDENTIAL_JWT_ALG=RS256. */
  rsa?: { privateKey: crypto.KeyObject; publicJwk: crypto.JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' } };
}

export const ISSUER_NAME = 'Themis Continuing Legal Education';

/**
 * The PDF signer's RSA key and X.509 certificate: supplied by the operator
 * (SIGNING_KEY_FILE / SIGNING_CERT_FILE) or generated on first start and kept as 0600
 * files under KEYS_DIR, so a restart never changes the key that signed earlier PDFs.
 */
export function loadPdfSigningMaterial(config: AppConfig): PdfSigningMaterial {
  let keyPem: string;
  let certPem: string;
  if (config.signing.keyFile || config.signing.certFile) {
    if (!config.signing.keyFile || !config.signing.certFile) throw new Error('SIGNING_KEY_FILE and SIGNING_CERT_FILE must be set together');
    keyPem = fs.readFileSync(config.signing.keyFile, 'utf8');
    certPem = fs.readFileSync(config.signing.certFile, 'utf8');
  } else {
    keyPem = readOrCreateSecretFile(path.join(config.keysDir, 'certificate-signing.key.pem'), () =>
      crypto.generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    ).toString('utf8');
    certPem = readOrCreateSecretFile(path.join(config.keysDir, 'certificate-signing.cert.pem'), () => selfSignedCertificate(keyPem)).toString('utf8');
  }
  const privateKey = crypto.createPrivateKey(keyPem);
  const certificate = new crypto.X509Certificate(certPem);
  if (!certificate.checkPrivateKey(privateKey)) throw new Error('The signing certificate does not belong to the signing key');
  const chain = config.signing.chainFile ? readChain(config.signing.chainFile, certificate) : [];
  return { privateKey, certificateDer: certificate.raw, chainDer: chain.map((c) => c.raw) };
}

/**
 * The CA certificates of SIGNING_CERT_CHAIN_FILE (PEM, the signer's issuer first, the root last or left out),
 * checked at start: each one issued and signed the one before, so a wrong or reordered file stops the boot.
 */
function readChain(file: string, signer: crypto.X509Certificate): crypto.X509Certificate[] {
  const blocks = fs.readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new Error(`SIGNING_CERT_CHAIN_FILE ${file} holds no PEM certificate`);
  const chain = blocks.map((pem) => new crypto.X509Certificate(pem));
  // The file may start with the signer's own certificate, as many CAs deliver it.
  if (chain[0].fingerprint256 === signer.fingerprint256) chain.shift();
  let child = signer;
  for (const [i, ca] of chain.entries()) {
    if (!child.checkIssued(ca) || !child.verify(ca.publicKey)) throw new Error(`SIGNING_CERT_CHAIN_FILE: certificate ${i + 1} (${ca.subject.replace(/\n/g, ', ')}) did not issue ${child.subject.replace(/\n/g, ', ')}`);
    child = ca;
  }
  return chain;
}

function selfSignedCertificate(keyPem: string): string {
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01' + crypto.randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 20 * 365 * 24 * 3600 * 1000);
  const name = [
    { name: 'commonName', value: ISSUER_NAME },
    { name: 'organizationName', value: 'Themis' },
    { name: 'countryName', value: 'AZ' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** The Ed25519 key that signs the Verifiable Credentials; its public half is published. */
export function loadCredentialSigningMaterial(config: AppConfig): CredentialSigningMaterial {
  const pem = readOrCreateSecretFile(path.join(config.keysDir, 'credential-signing.ed25519.pem'), () =>
    crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
  ).toString('utf8');
  const privateKey = crypto.createPrivateKey(pem);
  const jwk = crypto.createPublicKey(privateKey).export({ format: 'jwk' });
  // RFC 7638 thumbprint as the key id, so a rotated key gets a new id.
  const kid = crypto.createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
  return { privateKey, publicJwk: { ...jwk, kid, alg: 'EdDSA', use: 'sig' }, ...(config.credentialJwtAlg === 'RS256' ? { rsa: loadRsaCredentialKey(config) } : {}) };
}

function loadRsaCredentialKey(config: AppConfig): NonNullable<CredentialSigningMaterial['rsa']> {
  const pem = readOrCreateSecretFile(path.join(config.keysDir, 'credential-signing.rsa.pem'), () =>
    crypto.generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  ).toString('utf8');
  const privateKey = crypto.createPrivateKey(pem);
  const jwk = crypto.createPublicKey(privateKey).export({ format: 'jwk' });
  const kid = crypto.createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
  return { privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

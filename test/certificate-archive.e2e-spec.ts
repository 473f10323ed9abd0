import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as pkijs from 'pkijs';
import request from 'supertest';
import { linkedData } from '@themis/certification';
import { binaryBody, createTestApp, createTestPki, LocalTsa, loginAs, SignedInUser, startLocalTsa, TestApp, TestPki } from '@themis/testing';
import { certify, offlineLoader } from './credentials/credential-support';

// Needs openssl, qpdf and poppler-utils (pdfsig), as .ci/run installs them.
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const OID_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

/** The signed bytes and the CMS of a PDF's one signature, read by its /ByteRange. */
function signatureOf(pdf: Buffer): { content: Buffer; cms: Buffer } {
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!;
  const [a, l1, b, l2] = m.slice(1).map(Number);
  const content = Buffer.concat([pdf.subarray(a, a + l1), pdf.subarray(b, b + l2)]);
  const hex = pdf.subarray(a + l1 + 1, b - 1).toString('latin1');
  const padded = Buffer.from(hex, 'hex');
  // The placeholder is zero-padded: the CMS is as long as its outer DER length says.
  const lengthBytes = padded[1] & 0x7f;
  const total = padded[1] & 0x80 ? 2 + lengthBytes + padded.subarray(2, 2 + lengthBytes).reduce((n, x) => n * 256 + x, 0) : 2 + padded[1];
  return { content, cms: padded.subarray(0, total) };
}

describe('Certificate PDF for the archive (PAdES B-T, CA chain, credential attached, PDF/A-3b)', () => {
  let pki: TestPki;
  let tsa: LocalTsa;
  let t: TestApp;
  let admin: SignedInUser;
  let learner: SignedInUser;
  let dir: string;
  let code: string;
  let pdf: Buffer;
  const file = () => path.join(dir, 'certificate.pdf');
  const publicUrl = 'https://archive.themis.example.az';

  const download = (who: SignedInUser, c: string) => request(t.url).get(`/api/v1/certificates/${c}/pdf`).set(who.auth).buffer(true).parse(binaryBody);

  beforeAll(async () => {
    pki = createTestPki();
    tsa = await startLocalTsa(pki);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-archive-'));
    t = await createTestApp({
      env: { PUBLIC_URL: publicUrl, SIGNING_KEY_FILE: pki.signerKey, SIGNING_CERT_FILE: pki.signerCert, SIGNING_CERT_CHAIN_FILE: pki.chainFile, TSA_URL: tsa.url },
    });
    admin = await loginAs(t, 'admin');
    learner = await loginAs(t, 'learner', { fullName: 'Aytən Məmmədova & <Partners>' });
    code = await certify(t, admin, learner);
    pdf = (await download(learner, code).expect(200)).body as Buffer;
    fs.writeFileSync(file(), pdf);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await tsa?.close();
    pki?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is signed by the CA-issued certificate, valid for pdfsig, as ETSI.CAdES.detached', () => {
    const out = run('pdfsig', [file()]);
    expect(out).toContain('Signer Certificate Common Name: Themis Test Signer');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
  });

  it('carries the chain up to the CA, signing-certificate-v2 and no signing-time (PAdES B-B), and verifies to the CA with openssl cms', () => {
    const { content, cms } = signatureOf(pdf);
    const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(cms).buffer).content });
    const subjects = (signed.certificates ?? []).map((c) => (c as pkijs.Certificate).subject.typesAndValues.map((tv) => tv.value.valueBlock.value).join(','));
    expect(subjects).toEqual([expect.stringContaining('Themis Test Signer'), expect.stringContaining('Test Root CA')]);
    const attrs = signed.signerInfos[0].signedAttrs!.attributes.map((a) => a.type);
    expect(attrs).toContain(OID_SIGNING_CERTIFICATE_V2);
    expect(attrs).not.toContain(OID_SIGNING_TIME);
    fs.writeFileSync(path.join(dir, 'cms.der'), cms);
    fs.writeFileSync(path.join(dir, 'content.bin'), content);
    // -purpose any: the test signer has no emailProtection usage, which S/MIME verification would ask for.
    const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'cms.der'), '-content', path.join(dir, 'content.bin'), '-CAfile', pki.caCert, '-purpose', 'any', '-out', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBeDefined(); // exits non-zero (throws) when the signature or the chain fails
  });

  it('has an RFC 3161 signature timestamp over the signature value that openssl ts -verify accepts (PAdES B-T)', () => {
    const { cms } = signatureOf(pdf);
    const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(cms).buffer).content });
    const signer = signed.signerInfos[0];
    const token = signer.unsignedAttrs?.attributes.find((a) => a.type === OID_TIMESTAMP_TOKEN);
    expect(token).toBeDefined();
    fs.writeFileSync(path.join(dir, 'token.der'), Buffer.from(token!.values[0].toBER(false)));
    fs.writeFileSync(path.join(dir, 'signature.bin'), Buffer.from(signer.signature.valueBlock.valueHexView));
    const out = run('openssl', ['ts', '-verify', '-token_in', '-in', path.join(dir, 'token.der'), '-data', path.join(dir, 'signature.bin'), '-CAfile', pki.caCert, '-untrusted', pki.tsaCert]);
    expect(out).toContain('Verification: OK');
    // The same token does not stand for other bytes.
    fs.writeFileSync(path.join(dir, 'other.bin'), Buffer.from('another signature'));
    expect(() => run('openssl', ['ts', '-verify', '-token_in', '-in', path.join(dir, 'token.der'), '-data', path.join(dir, 'other.bin'), '-CAfile', pki.caCert, '-untrusted', pki.tsaCert])).toThrow();
  });

  it('passes qpdf --check without a warning', () => {
    const out = run('qpdf', ['--check', file()]);
    expect(out).toContain('No syntax or stream encoding errors found');
    expect(out).not.toMatch(/WARNING/i);
  });

  it('carries its Open Badges credential as an associated file (/AF, /Data) that extracts and verifies offline', async () => {
    const name = `themis-credential-${code}.json`;
    expect(run('qpdf', ['--list-attachments', file()])).toContain(name);
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(text).toContain('/AFRelationship /Data');
    const credential = JSON.parse(run('qpdf', [`--show-attachment=${name}`, file()]));
    expect(credential).toMatchObject({ id: `${publicUrl}/verify/${code}`, type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { name: 'Aytən Məmmədova & <Partners>' } });
    const { vc, DataIntegrityProof, cryptosuite, statusList } = await linkedData();
    const result = await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: await offlineLoader(t, credential), checkStatus: statusList.checkStatus });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('declares PDF/A-3b in its XMP and an sRGB output intent (no PDF/A validator is packaged: these are the parts checked)', () => {
    const text = pdf.toString('latin1');
    const xmp = text.slice(text.indexOf('<x:xmpmeta'), text.indexOf('</x:xmpmeta>'));
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(text).toContain('/S /GTS_PDFA1');
    expect(text).toContain('(sRGB IEC61966-2.1)');
  });

  it('is byte-identical on every download and known to the document check; a changed byte reads tampered', async () => {
    const again = (await download(learner, code).expect(200)).body as Buffer;
    expect(again.equals(pdf)).toBe(true);
    const ok = await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(pdf).expect(200);
    expect(ok.body).toEqual({ status: 'valid', code });
    const flipped = Buffer.from(pdf);
    const at = pdf.indexOf(Buffer.from('/Keywords')) - 20;
    flipped[at] ^= 0x01;
    const tampered = await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(flipped).expect(200);
    expect(tampered.body).toEqual({ status: 'tampered', code });
  });

  it('while the timestamping authority is down: issues the certificate, holds the PDF back (503 Retry-After), then serves it timestamped', async () => {
    tsa.down = true;
    const other = await loginAs(t);
    let otherCode: string;
    try {
      otherCode = await certify(t, admin, other);
      expect((await request(t.url).get(`/api/v1/verify/${otherCode}`).expect(200)).body.status).toBe('valid');
      const waiting = await download(other, otherCode).expect(503);
      expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      tsa.down = false;
    }
    const stamped = tsa.stamped;
    const first = (await download(other, otherCode).expect(200)).body as Buffer;
    expect(tsa.stamped).toBe(stamped + 1);
    const second = (await download(other, otherCode).expect(200)).body as Buffer;
    expect(second.equals(first)).toBe(true);
    expect(tsa.stamped).toBe(stamped + 1);
    const { cms } = signatureOf(first);
    const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(cms).buffer).content });
    expect(signed.signerInfos[0].unsignedAttrs?.attributes.map((a) => a.type)).toEqual([OID_TIMESTAMP_TOKEN]);
    expect((await request(t.url).post('/api/v1/verify/document').set('Content-Type', 'application/pdf').send(first).expect(200)).body).toEqual({ status: 'valid', code: otherCode });
  }, 60_000);
});

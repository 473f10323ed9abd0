import * as crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { TimestampAuthority, TimestampPolicy } from './timestamp-authority';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  /** id-aa-signingCertificateV2 (RFC 5035), which PAdES requires in place of signing-time. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  /** id-aa-signatureTimeStampToken (RFC 3161 appendix A): the token over the signature value. */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
};

/** A copy of the bytes in an ArrayBuffer of their own (a Buffer may be a view into a shared pool). */
const ab = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer as ArrayBuffer;

export interface CmsSigningMaterial {
  privateKey: crypto.KeyObject;
  /** The signer's certificate, DER. */
  certificateDer: Buffer;
  /** The CA certificates above it, issuer first, DER (empty for a self-signed certificate). */
  chainDer: Buffer[];
}

/**
 * A detached CMS SignedData for a PDF signature of PAdES baseline B-B (ETSI EN 319 142-1 §6.3):
 * signed attributes content-type, message-digest and signing-certificate-v2, no signing-time (the
 * claimed time is the signature dictionary's /M), the signer's certificate with its chain; and B-T
 * when a timestamping authority is given: its token over the signature value as an unsigned attribute.
 * pkijs builds the structures; node:crypto does the private-key operation.
 */
export async function padesSignature(content: Buffer, m: CmsSigningMaterial, tsa?: { authority: TimestampAuthority; policy: TimestampPolicy }): Promise<Buffer> {
  const certificate = pkijs.Certificate.fromBER(ab(m.certificateDer));
  const chain = m.chainDer.map((der) => pkijs.Certificate.fromBER(ab(der)));
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(crypto.createHash('sha256').update(m.certificateDer).digest()) })] });
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ab(crypto.createHash('sha256').update(content).digest()) })] }),
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default hash (SHA-256).
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })] }),
    ],
  });
  // The signature is over the DER of the attributes as a SET OF (RFC 5652 §5.4), not the [0] IMPLICIT they are stored as.
  const toBeSigned = Buffer.from(signedAttrs.toSchema().toBER(false));
  toBeSigned[0] = 0x31;
  const isEc = m.privateKey.asymmetricKeyType === 'ec';
  const signature = crypto.sign('sha256', toBeSigned, m.privateKey);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(isEc ? { algorithmId: OID.ecdsaWithSha256 } : { algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  });
  if (tsa) {
    const token = await tsa.authority.timestamp(signature, tsa.policy);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [token.toSchema()] })] });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate, ...chain],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

import * as crypto from 'node:crypto';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PdfSigningMaterial } from './signing-keys';

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A CMS (PKCS#7) detached signer like @signpdf/signer-p12, but with the key parsed once at
 * start and the RSA operation done by node:crypto: forge builds the CMS structure, OpenSSL
 * does the arithmetic, so issuing stays fast.
 */
class CmsSigner extends Signer {
  constructor(private readonly material: PdfSigningMaterial) {
    super();
  }

  async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const { privateKey, certificate } = this.material;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    p7.addCertificate(certificate);
    const key = {
      sign: (md: forge.md.MessageDigest) => {
        const digest = Buffer.from(md.digest().getBytes(), 'binary');
        return crypto.privateEncrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
      },
    };
    p7.addSigner({
      key: key as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

export class PdfSigner {
  private readonly signer: CmsSigner;
  private readonly signpdf = new SignPdf();

  constructor(material: PdfSigningMaterial) {
    this.signer = new CmsSigner(material);
  }

  /** Signs with a fixed signing time (the issue date) so the same input gives the same bytes. */
  async sign(pdf: Buffer, options: { reason: string; signingTime: Date }): Promise<Buffer> {
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: options.reason,
      contactInfo: 'https://themis.az',
      name: 'Themis',
      location: 'Baku, Azerbaijan',
      signingTime: options.signingTime,
      signatureLength: 8192,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: 'Themis',
    });
    return this.signpdf.sign(withPlaceholder, this.signer, options.signingTime);
  }
}

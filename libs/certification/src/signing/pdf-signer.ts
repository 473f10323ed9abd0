import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { padesSignature } from './pades-signature';
import { PdfSigningMaterial } from './signing-keys';
import { TimestampAuthority, TimestampPolicy } from './timestamp-authority';

/** A @signpdf signer that hands the signed byte ranges to the PAdES CMS builder. */
class PadesSigner extends Signer {
  constructor(
    private readonly material: PdfSigningMaterial,
    private readonly tsa: { authority: TimestampAuthority; policy: TimestampPolicy } | undefined,
  ) {
    super();
  }

  async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return padesSignature(pdfBuffer, this.material, this.tsa);
  }
}

/**
 * Signs certificate PDFs: PAdES baseline B-B, and B-T when a timestamping authority is configured
 * (TSA_URL). With one configured, a PDF is never signed without its timestamp: `sign` throws
 * TimestampUnavailableError instead, and the caller decides when to try again.
 */
export class PdfSigner {
  private readonly signpdf = new SignPdf();

  constructor(private readonly material: PdfSigningMaterial, private readonly tsa?: TimestampAuthority) {}

  get timestamped(): boolean {
    return !!this.tsa;
  }

  /** Signs with a fixed claimed signing time (the issue date, /M) so the same input gives the same signed bytes up to the timestamp. */
  async sign(pdf: Buffer, options: { reason: string; signingTime: Date; timestampPolicy?: TimestampPolicy }): Promise<Buffer> {
    const chainBytes = this.material.chainDer.reduce((n, c) => n + c.length, 0);
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: options.reason,
      contactInfo: 'https://themis.az',
      name: 'Themis',
      location: 'Baku, Azerbaijan',
      signingTime: options.signingTime,
      // Room for the CMS: the signer's certificate, the chain, and a timestamp token with its TSA certificates.
      signatureLength: 8192 + chainBytes + (this.tsa ? 16384 : 0),
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: 'Themis',
    });
    const fixed = pointStartxrefAtXref(withPlaceholder);
    const tsa = this.tsa ? { authority: this.tsa, policy: options.timestampPolicy ?? { attempts: 2, timeoutMs: 10_000 } } : undefined;
    return this.signpdf.sign(fixed, new PadesSigner(this.material, tsa), options.signingTime);
  }
}

/**
 * @signpdf/placeholder-plain writes its incremental update's `xref` after a blank line and points
 * `startxref` at that line, one byte early (qpdf --check: "extraneous whitespace seen before xref").
 * The offset is corrected before signing; the signed ranges are computed after, so they cover the fix.
 */
export function pointStartxrefAtXref(pdf: Buffer): Buffer {
  const tail = pdf.subarray(pdf.lastIndexOf('startxref'));
  const match = /^startxref\s+(\d+)/.exec(tail.toString('latin1'));
  if (!match) return pdf;
  let offset = Number(match[1]);
  while (pdf[offset] === 0x0a || pdf[offset] === 0x0d || pdf[offset] === 0x20) offset++;
  if (offset === Number(match[1]) || pdf.toString('latin1', offset, offset + 4) !== 'xref') return pdf;
  const at = pdf.lastIndexOf('startxref');
  return Buffer.concat([pdf.subarray(0, at), Buffer.from(tail.toString('latin1').replace(/^startxref(\s+)\d+/, `startxref$1${offset}`), 'latin1')]);
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { CredentialSigningMaterial, loadCredentialSigningMaterial, loadPdfSigningMaterial } from './signing-keys';
import { PdfSigner } from './pdf-signer';
import { TimestampAuthority } from './timestamp-authority';

/** Loads (or creates) both signing keys once, at start: a bad key file stops the boot, not an issue. */
@Injectable()
export class SigningKeys {
  readonly pdfSigner: PdfSigner;
  readonly credential: CredentialSigningMaterial;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pdfSigner = new PdfSigner(loadPdfSigningMaterial(config), config.signing.tsaUrl ? new TimestampAuthority(config.signing.tsaUrl) : undefined);
    this.credential = loadCredentialSigningMaterial(config);
  }
}

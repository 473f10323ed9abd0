import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, notFound } from '@themis/core';
import { UsersService } from '@themis/identity';
import { CertificateIssuer, DOWNLOAD_TIMESTAMP_POLICY, sha256 } from '../issuing/certificate-issuer';
import { CertificateDocumentsRepository } from './certificate-documents.repository';

/**
 * A certificate's PDF in az, ru or en. The one rendered at issue is in the holder's interface
 * language; another is rendered from the certified snapshot on its first request, signed,
 * stored, and from then on served byte for byte (and known to the document check by its hash).
 */
@Injectable()
export class CertificateDocumentsService {
  constructor(
    private readonly documents: CertificateDocumentsRepository,
    private readonly issuer: CertificateIssuer,
    private readonly users: UsersService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async pdf(code: string, requester: { id: string }, anyHolder: boolean, lang?: string): Promise<Buffer> {
    const probe = await this.documents.find(code, requester.id, anyHolder, lang ?? '');
    if (!probe) throw notFound('Certificate');
    const wanted = lang ?? (await this.users.localeOf(probe.row.userId)) ?? probe.row.pdfLanguage;
    const found = wanted === (lang ?? '') ? probe : await this.documents.find(code, requester.id, anyHolder, wanted);
    if (!found) throw notFound('Certificate');
    if (found.pdf) return found.pdf;
    const pdf = await this.issuer.renderSignedOrWait(found.row, wanted, DOWNLOAD_TIMESTAMP_POLICY);
    // The timestamping authority is down: the PDF waits rather than go out without its timestamp (README: Signing).
    if (!pdf) throw new DomainError(ErrorCode.ServiceUnavailable, 'The certificate PDF is waiting for its timestamp; try again in a minute', { retryAfterSeconds: 60 });
    if (wanted === found.row.pdfLanguage) return this.documents.storeIssued(this.db.manager, found.row.id, pdf, sha256(pdf));
    return this.documents.store(found.row.id, wanted, pdf, sha256(pdf));
  }
}

import { Injectable } from '@nestjs/common';
import { notFound } from '@themis/core';
import { UsersService } from '@themis/identity';
import { CertificateIssuer, sha256 } from '../issuing/certificate-issuer';
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
  ) {}

  async pdf(code: string, requester: { id: string }, anyHolder: boolean, lang?: string): Promise<Buffer> {
    const probe = await this.documents.find(code, requester.id, anyHolder, lang ?? '');
    if (!probe) throw notFound('Certificate');
    const wanted = lang ?? (await this.users.localeOf(probe.row.userId)) ?? probe.row.pdfLanguage;
    const found = wanted === (lang ?? '') ? probe : await this.documents.find(code, requester.id, anyHolder, wanted);
    if (!found) throw notFound('Certificate');
    if (found.pdf) return found.pdf;
    const c = found.row;
    const pdf = await this.issuer.renderSigned(
      {
        code: c.code,
        holderName: c.holderName,
        profession: c.profession,
        barNumber: c.barNumber,
        courseTitle: c.courseTitle,
        courseVersion: c.courseVersion,
        cleHours: c.cleHours,
        cleCategories: c.cleCategories,
        completedAt: c.completedAt,
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
        replaces: c.replaces,
        memberships: (c.memberships ?? []).map((m) => ({ ...m, barNumberKey: '' })),
        accreditations: c.accreditations ?? [],
      },
      wanted,
    );
    return this.documents.store(c.id, wanted, pdf, sha256(pdf));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ROW_COLUMNS } from './certificate.repository';
import { CertificateRow, normalizeRow } from './certificate.view';

export type CertificateWithLanguages = CertificateRow & { language: string; pdfLanguage: string };

/** The certificate's languages and its PDFs in languages other than the one rendered at issue. */
@Injectable()
export class CertificateDocumentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async setLanguages(manager: EntityManager, code: string, language: string, pdfLanguage: string): Promise<void> {
    await manager.query(`UPDATE certificates SET language = $2, pdf_language = $3 WHERE code = $1`, [code, language, pdfLanguage]);
  }

  async languagesOf(manager: EntityManager, code: string): Promise<{ language: string; pdfLanguage: string } | null> {
    const [row] = await manager.query(`SELECT language, pdf_language AS "pdfLanguage" FROM certificates WHERE code = $1`, [code]);
    return row ?? null;
  }

  /** The certificate for its holder (or anyone when `anyHolder`), with the stored PDF in `lang` if there is one. */
  async find(code: string, userId: string, anyHolder: boolean, lang: string): Promise<{ row: CertificateWithLanguages; pdf: Buffer | null } | null> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${ROW_COLUMNS}, c.language, c.pdf_language AS "pdfLanguage",
              CASE WHEN c.pdf_language = $4 THEN c.pdf ELSE (SELECT d.pdf FROM certificate_documents d WHERE d.certificate_id = c.id AND d.language = $4) END AS "storedPdf"
         FROM certificates c WHERE c.code = $1 AND (c.user_id = $2 OR $3)`,
      [code, userId, anyHolder, lang],
    );
    if (!rows.length) return null;
    const r = rows[0]!;
    return { row: { ...normalizeRow(r), language: String(r['language']), pdfLanguage: String(r['pdfLanguage']) }, pdf: (r['storedPdf'] as Buffer | null) ?? null };
  }

  /** The PDF of the certificate's own language (pdf_language), rendered at issue or, after a timestamping outage, on first download. */
  async storeIssued(manager: EntityManager, certificateId: string, pdf: Buffer, sha256: string): Promise<Buffer> {
    await manager.query(`UPDATE certificates SET pdf = $2, pdf_sha256 = $3 WHERE id = $1 AND pdf IS NULL`, [certificateId, pdf, sha256]);
    const [row] = await manager.query(`SELECT pdf FROM certificates WHERE id = $1`, [certificateId]);
    return row.pdf;
  }

  /** Stores the first rendering; a racing second one is dropped and both callers get the stored bytes. */
  async store(certificateId: string, lang: string, pdf: Buffer, sha256: string): Promise<Buffer> {
    await this.db.query(`INSERT INTO certificate_documents (certificate_id, language, pdf, pdf_sha256) VALUES ($1, $2, $3, $4) ON CONFLICT (certificate_id, language) DO NOTHING`, [certificateId, lang, pdf, sha256]);
    const [row] = await this.db.query(`SELECT pdf FROM certificate_documents WHERE certificate_id = $1 AND language = $2`, [certificateId, lang]);
    return row.pdf;
  }

  async findBySha256(sha256: string): Promise<CertificateRow | null> {
    const rows = await this.db.query(`SELECT ${ROW_COLUMNS} FROM certificates c JOIN certificate_documents d ON d.certificate_id = c.id WHERE d.pdf_sha256 = $1`, [sha256]);
    return rows.length ? normalizeRow(rows[0]) : null;
  }
}

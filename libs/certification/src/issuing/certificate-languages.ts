import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TranslatedContentService } from '@themis/catalog';
import { UsersService } from '@themis/identity';
import { CompletedEnrollment, EnrollmentRepository } from '@themis/learning';

/**
 * The languages of a new certificate (contract, "Certificates in the holder's language"): the
 * course title in the language the course was taken in, the PDF in the holder's interface language.
 */
@Injectable()
export class CertificateLanguages {
  constructor(
    private readonly translated: TranslatedContentService,
    private readonly enrollments: EnrollmentRepository,
    private readonly users: UsersService,
  ) {}

  /** Read on the completing transaction's connection, never a second one from the pool. */
  async atCompletion(manager: EntityManager, e: CompletedEnrollment): Promise<{ language: string; courseTitle: string; pdfLanguage: string }> {
    const chosen = await this.enrollments.languageOf(e.enrollmentId, manager);
    const holderLocale = await this.users.localeOf(e.userId, manager);
    const { lang } = await this.translated.served(e.versionId, { enrolment: chosen, interface: holderLocale }, manager);
    const { title } = await this.translated.courseTitle(e.versionId, lang, manager);
    return { language: lang, courseTitle: title, pdfLanguage: holderLocale ?? 'en' };
  }
}

import { Injectable } from '@nestjs/common';
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

  async atCompletion(e: CompletedEnrollment): Promise<{ language: string; courseTitle: string; pdfLanguage: string }> {
    const [chosen, holderLocale] = await Promise.all([this.enrollments.languageOf(e.enrollmentId), this.users.localeOf(e.userId)]);
    const { lang } = await this.translated.served(e.versionId, { enrolment: chosen, interface: holderLocale });
    const { title } = await this.translated.courseTitle(e.versionId, lang);
    return { language: lang, courseTitle: title, pdfLanguage: holderLocale ?? 'en' };
  }
}

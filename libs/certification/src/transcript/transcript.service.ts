import { Injectable } from '@nestjs/common';
import { UsersService } from '@themis/identity';
import { CertificatesService } from '../certificates/certificates.service';
import { ISSUER_NAME } from '../signing/signing-keys';
import { renderTranscriptPdf } from './transcript-pdf.renderer';
import { TranscriptRepository } from './transcript.repository';
import { TranscriptYear, transcriptYears } from './transcript.rules';

export interface TranscriptCourse {
  courseSlug: string;
  courseTitle: string;
  courseLanguage: string;
  version: number;
  enrolledAt: string;
  completedAt: string | null;
  lessonsCompleted: number;
  /** Sum of the completed lessons' time on task (each capped, see LessonTimer). */
  secondsOnTask: number;
}

export interface TranscriptResponse {
  holder: { fullName: string; profession: string; barNumber: string | null };
  generatedAt: string;
  /** Newest year first; revoked certificates are listed with `counted: false`. */
  years: TranscriptYear[];
  /** Counted CLE hours over all years. */
  totalHours: number;
  courses: TranscriptCourse[];
}

/** A learner's record: certificates and CLE hours per calendar year, and time on task per course. Only ever the caller's own. */
@Injectable()
export class TranscriptService {
  constructor(private readonly users: UsersService, private readonly certificates: CertificatesService, private readonly repository: TranscriptRepository) {}

  async forUser(userId: string): Promise<TranscriptResponse> {
    const [user, certificates, times] = await Promise.all([this.users.findById(userId), this.certificates.listForUser(userId), this.repository.timeOnTask(userId)]);
    const years = transcriptYears(certificates);
    return {
      holder: { fullName: user.fullName, profession: user.profession, barNumber: user.barNumber },
      generatedAt: new Date().toISOString(),
      years,
      totalHours: Math.round(years.reduce((sum, y) => sum + y.totalHours, 0) * 100) / 100,
      courses: times.map((c) => ({ ...c, enrolledAt: c.enrolledAt.toISOString(), completedAt: c.completedAt ? c.completedAt.toISOString() : null })),
    };
  }

  /** In `lang`, or the holder's interface language. */
  async pdf(userId: string, lang?: string): Promise<Buffer> {
    const transcript = await this.forUser(userId);
    return renderTranscriptPdf(transcript, ISSUER_NAME, lang ?? (await this.users.localeOf(userId)) ?? 'en');
  }
}

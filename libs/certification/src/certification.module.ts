import { Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdentityModule } from '@themis/identity';
import { CourseCompletionHooks, LearningModule } from '@themis/learning';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditLog } from './audit/audit-log';
import { CertificateRepository } from './certificates/certificate.repository';
import { CertificatesService } from './certificates/certificates.service';
import { CredentialService } from './credentials/credential.service';
import { CertificateIssuer } from './issuing/certificate-issuer';
import { SigningKeys } from './signing/signing-keys.service';
import { TranscriptRepository } from './transcript/transcript.repository';
import { TranscriptService } from './transcript/transcript.service';
import { PublicRateLimit } from './verification/public-rate-limit';
import { VerificationService } from './verification/verification.service';
import { CertificateNotifier } from './notifications/certificate-notifier';
import { ExpiryReminders } from './notifications/expiry-reminders';
import { NotificationRepository } from './notifications/notification.repository';

@Module({
  imports: [IdentityModule, LearningModule],
  providers: [
    SigningKeys,
    CertificateRepository,
    CertificateIssuer,
    CertificatesService,
    PublicRateLimit,
    VerificationService,
    CredentialService,
    AuditLog,
    TranscriptRepository,
    TranscriptService,
    NotificationRepository,
    CertificateNotifier,
    ExpiryReminders,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [CertificatesService, PublicRateLimit, VerificationService, CredentialService, AuditLog, TranscriptService, ExpiryReminders],
})
export class CertificationModule implements OnModuleInit {
  constructor(private readonly hooks: CourseCompletionHooks, private readonly issuer: CertificateIssuer) {}

  /** Certificates are issued inside the transaction that completes a course. */
  onModuleInit(): void {
    this.hooks.register((manager, enrollment) => this.issuer.onCourseCompleted(manager, enrollment));
  }
}

import { Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccreditationModule } from '@themis/accreditation';
import { IdentityModule } from '@themis/identity';
import { CourseCompletionHooks, LearningModule } from '@themis/learning';
import { AuditTrail, OrganisationsModule } from '@themis/organisations';
import { ApprovalIssuer } from './approval/approval-issuer';
import { ComplianceRepository } from './compliance/compliance.repository';
import { ComplianceService } from './compliance/compliance.service';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditLog } from './audit/audit-log';
import { CertificateRepository } from './certificates/certificate.repository';
import { CertificatesService } from './certificates/certificates.service';
import { CredentialSigner } from './credentials/credential-signer.service';
import { CredentialStatusRepository } from './credentials/credential-status.repository';
import { CredentialService } from './credentials/credential.service';
import { StatusListService } from './credentials/status-list.service';
import { CertificateIssuer } from './issuing/certificate-issuer';
import { CredentialOfferRepository } from './wallet/credential-offer.repository';
import { WalletIssuanceService } from './wallet/wallet-issuance.service';
import { CertificateLanguages } from './issuing/certificate-languages';
import { CertificateDocumentsRepository } from './certificates/certificate-documents.repository';
import { CertificateDocumentsService } from './certificates/certificate-documents.service';
import { SigningKeys } from './signing/signing-keys.service';
import { TranscriptRepository } from './transcript/transcript.repository';
import { TranscriptService } from './transcript/transcript.service';
import { PublicRateLimit } from './verification/public-rate-limit';
import { VerificationService } from './verification/verification.service';
import { CertificateNotifier } from './notifications/certificate-notifier';
import { ExpiryReminders } from './notifications/expiry-reminders';
import { NotificationRepository } from './notifications/notification.repository';

@Module({
  imports: [IdentityModule, LearningModule, OrganisationsModule, AccreditationModule],
  providers: [
    SigningKeys,
    CertificateRepository,
    CertificateIssuer,
    CertificateLanguages,
    CertificateDocumentsRepository,
    CertificateDocumentsService,
    CertificatesService,
    PublicRateLimit,
    VerificationService,
    CredentialService,
    CredentialSigner,
    CredentialStatusRepository,
    CredentialOfferRepository,
    WalletIssuanceService,
    StatusListService,
    AuditLog,
    TranscriptRepository,
    TranscriptService,
    NotificationRepository,
    CertificateNotifier,
    ExpiryReminders,
    ApprovalIssuer,
    ComplianceRepository,
    ComplianceService,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [CertificatesService, PublicRateLimit, VerificationService, CredentialService, StatusListService, WalletIssuanceService, AuditLog, TranscriptService, ExpiryReminders, ApprovalIssuer, ComplianceService],
})
export class CertificationModule implements OnModuleInit {
  constructor(private readonly hooks: CourseCompletionHooks, private readonly issuer: CertificateIssuer, private readonly trail: AuditTrail, private readonly audit: AuditLog) {}

  /** Certificates are issued inside the transaction that completes a course; organisations and accreditation write to this audit log. */
  onModuleInit(): void {
    this.hooks.register((manager, enrollment) => this.issuer.onCourseCompleted(manager, enrollment));
    this.trail.register((manager, entry) => this.audit.record(manager, entry));
  }
}

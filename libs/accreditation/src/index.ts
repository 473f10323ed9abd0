export * from './accreditation.module';
export * from './accreditations/accreditation.dto';
export * from './accreditations/accreditation.service';
export * from './approvals/version-approvals';
export * from './entities/accreditation.entity';
export * from './entities/version-approval.entity';

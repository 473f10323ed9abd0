/** Every permission a route can require. Which roles hold them is data (table role_permissions). */
export enum Permission {
  Learn = 'learn',
  ViewAnswerKeys = 'answer_keys:read',
  AuthorCourses = 'courses:author',
  ViewReports = 'reports:read',
  ManageUsers = 'users:manage',
  ManageVerifiers = 'verifiers:manage',
  RevokeCertificates = 'certificates:revoke',
  ReadAnyCertificate = 'certificates:read_any',
  ViewAuditLog = 'audit:read',
}

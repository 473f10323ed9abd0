/**
 * Libraries throw DomainError with a code; one exception filter in the server maps
 * codes to HTTP statuses, so no library knows about HTTP.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  EmailTaken = 'EMAIL_TAKEN',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotEnrolled = 'NOT_ENROLLED',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  NoAttemptsLeft = 'NO_ATTEMPTS_LEFT',
  AttemptClosed = 'ATTEMPT_CLOSED',
  TooSoon = 'TOO_SOON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** A module's quiz before its lessons, when the course asks for them first. */
  LessonsFirst = 'LESSONS_FIRST',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} not found`);

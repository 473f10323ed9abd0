import { plainToInstance, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';
import * as path from 'node:path';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The environment as the operator writes it; every variable is documented in the README. */
class Environment {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  DATABASE_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  DATA_DIR?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  KEYS_DIR?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  COURSES_DIR?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(12)
  ADMIN_PASSWORD?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(32)
  JWT_SECRET?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  JWT_PREVIOUS_SECRETS?: string;

  /** Seals TOTP secrets at rest (AES-256-GCM); by default generated once into KEYS_DIR/totp-secret-key. */
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(32)
  MFA_ENCRYPTION_KEY?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(60 * 60 * 24 * 30)
  JWT_TTL_SECONDS?: number;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  SIGNING_KEY_FILE?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  SIGNING_CERT_FILE?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  SIGNING_CERT_CHAIN_FILE?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TSA_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64)
  WEB_CONCURRENCY?: number;

  @IsOptional() @Transform(emptyToUndefined) @IsIn(['EdDSA', 'RS256'])
  CREDENTIAL_JWT_ALG?: string;

  @IsOptional() @IsIn(['true', 'false', '0', '1'])
  TRUST_PROXY?: string;

  /** `false` answers GET /api/v1/verify/:code through Nest like every other route (the same answers, slower). */
  @IsOptional() @IsIn(['true', 'false', '0', '1'])
  FAST_VERIFICATION?: string;

  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @IsIn(['silent', 'error', 'warn', 'info', 'debug'])
  LOG_LEVEL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  PUBLIC_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(120000)
  DATABASE_CONNECT_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  REGISTRATION_MAX_PER_HOUR_PER_IP?: number;

  @IsOptional() @IsIn(['true', 'false', '0', '1'])
  REQUIRE_STAFF_MFA?: string;
  @IsOptional() @Transform(emptyToUndefined) @IsUrl({ protocols: ['smtp', 'smtps'], require_protocol: true, require_tld: false })
  SMTP_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(3)
  MAIL_FROM?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(3)
  MAIL_CONTACT?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64)
  WORKER_CONCURRENCY?: number;
  /** Encrypts the key files in `npm run backup` (OpenPGP, symmetric) and decrypts them in `npm run restore`. */
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(12)
  BACKUP_PASSPHRASE?: string;
}

export interface AppConfig {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  keysDir: string;
  coursesDir: string;
  admin?: { email: string; password: string };
  publicUrl: string;
  jwt: { secret?: string; previousSecrets: string[]; ttlSeconds: number };
  /** The PDF signer: key and certificate (generated when unset), the CA chain above the certificate, the RFC 3161 timestamping authority. */
  signing: { keyFile?: string; certFile?: string; chainFile?: string; tsaUrl?: string };
  /** The algorithm of the credential's JWT form (Open Badges 3.0 requires RS256 of a conforming issuer; EdDSA is the default). */
  credentialJwtAlg: 'EdDSA' | 'RS256';
  webConcurrency: number;
  trustProxy: boolean;
  /** GET /api/v1/verify/:code answered before Express (infra/fast-verification.route.ts); on unless FAST_VERIFICATION=false. */
  fastVerification: boolean;
  production: boolean;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  loginThrottle: { perAccount: number; perIp: number; windowSeconds: number };
  publicRateLimitPerMinute: number;
  /** How long a request waits for a database connection before failing with 503. */
  databaseConnectTimeoutMs: number;
  /** Registrations from one client address per hour before 429. */
  registrationMaxPerHourPerIp: number;
  /** Trainers and admins reach only their profile and the MFA set-up until MFA is on. */
  requireStaffMfa: boolean;
  /** Outgoing mail: through `smtpUrl` when set, else written to DATA_DIR/outbox/ as .eml files. */
  mail: { smtpUrl?: string; from: string; contact?: string };
  /** Background jobs of one queue that one process runs at once. */
  workerConcurrency: number;
  /** BACKUP_PASSPHRASE: the key files in a backup are encrypted with it. */
  backupPassphrase?: string;
  /** MFA_ENCRYPTION_KEY, else KEYS_DIR/totp-secret-key: seals TOTP secrets (`totpSecretBox`). */
  mfaEncryptionKey?: string;
}

export class ConfigError extends Error {}

/** Parses and validates the environment once; the error lists every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const parsed = plainToInstance(Environment, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if ((parsed.ADMIN_EMAIL === undefined) !== (parsed.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const port = parsed.PORT ?? 3000;
  const dataDir = path.resolve(cwd, parsed.DATA_DIR ?? '.data');
  return {
    port,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    keysDir: path.resolve(cwd, parsed.KEYS_DIR ?? path.join(dataDir, 'keys')),
    coursesDir: path.resolve(cwd, parsed.COURSES_DIR ?? 'courses'),
    admin: parsed.ADMIN_EMAIL ? { email: parsed.ADMIN_EMAIL, password: parsed.ADMIN_PASSWORD! } : undefined,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    jwt: {
      secret: parsed.JWT_SECRET,
      previousSecrets: (parsed.JWT_PREVIOUS_SECRETS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      ttlSeconds: parsed.JWT_TTL_SECONDS ?? 3600,
    },
    signing: { keyFile: parsed.SIGNING_KEY_FILE, certFile: parsed.SIGNING_CERT_FILE, chainFile: parsed.SIGNING_CERT_CHAIN_FILE, tsaUrl: parsed.TSA_URL },
    credentialJwtAlg: (parsed.CREDENTIAL_JWT_ALG as AppConfig['credentialJwtAlg']) ?? 'EdDSA',
    webConcurrency: parsed.WEB_CONCURRENCY ?? 1,
    trustProxy: parsed.TRUST_PROXY === 'true' || parsed.TRUST_PROXY === '1',
    fastVerification: parsed.FAST_VERIFICATION !== 'false' && parsed.FAST_VERIFICATION !== '0',
    production: parsed.NODE_ENV === 'production',
    logLevel: (parsed.LOG_LEVEL as AppConfig['logLevel']) ?? 'info',
    loginThrottle: {
      perAccount: parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5,
      perIp: parsed.LOGIN_MAX_FAILURES_PER_IP ?? 50,
      windowSeconds: 15 * 60,
    },
    publicRateLimitPerMinute: parsed.PUBLIC_RATE_LIMIT_PER_MINUTE ?? 600,
    databaseConnectTimeoutMs: parsed.DATABASE_CONNECT_TIMEOUT_MS ?? 5000,
    registrationMaxPerHourPerIp: parsed.REGISTRATION_MAX_PER_HOUR_PER_IP ?? 20,
    requireStaffMfa: parsed.REQUIRE_STAFF_MFA === 'true' || parsed.REQUIRE_STAFF_MFA === '1',
    mail: { smtpUrl: parsed.SMTP_URL, from: parsed.MAIL_FROM ?? defaultSender(parsed.PUBLIC_URL ?? `http://localhost:${port}`), contact: parsed.MAIL_CONTACT ?? parsed.ADMIN_EMAIL },
    workerConcurrency: parsed.WORKER_CONCURRENCY ?? 2,
    backupPassphrase: parsed.BACKUP_PASSPHRASE,
    mfaEncryptionKey: parsed.MFA_ENCRYPTION_KEY,
  };
}

/** `Themis <no-reply@<PUBLIC_URL host>>` (the host without its port). */
function defaultSender(publicUrl: string): string {
  return `Themis <no-reply@${new URL(publicUrl).hostname}>`;
}

/** Nest injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { CourseImporter, MOODLE_XML_MAX_BYTES } from '@themis/catalog';
import { ApprovalIssuer } from '@themis/certification';
import { AppConfig } from '@themis/core';
import { connectAndMigrate, EmbeddedDatabase, startEmbeddedPostgres, StartupError } from '@themis/database';
import { UsersService } from '@themis/identity';
import { AppModule } from './app.module';
import { configureViews } from './web/view-engine';
import { mountFastVerification } from './infra/fast-verification.route';
import { rejectPrototypeKeys } from './infra/reject-prototype-keys';
import { AUTHORING_FORM_LIMITS, formParser, FORM_LIMITS } from './infra/form-parser';
import { uploadParser } from './infra/upload-parser';

export interface RunningPlatform {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  silent: [],
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  // Nest's "log" level is mostly route mapping on every start: noise for operators.
  info: ['error', 'fatal', 'warn'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug'],
};

/** Database ready (embedded or external) and migrated: the part shared by the server, the cluster primary and the CLI. */
export async function prepareDatabase(config: AppConfig): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const url = config.databaseUrl ?? embedded!.url;
  try {
    const ds = await connectAndMigrate(url);
    await ds.destroy();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return { url, embedded };
}

/**
 * `shutdownHooks: false` when the caller handles SIGINT/SIGTERM itself (main.ts): with both, one
 * Ctrl-C closed the app twice and the pool's second end() logged an error (issue 20).
 */
export async function createApp(config: AppConfig, databaseUrl: string, options: { shutdownHooks?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger: LEVELS[config.logLevel],
    abortOnError: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Over plain HTTP (e.g. a phone on the same network), upgrading to https or pinning it would break every page (issue 20).
  const https = config.publicUrl.startsWith('https:');
  const securityHeaders = helmet({
    contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'"], 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': https ? [] : null } },
    strictTransportSecurity: https,
  });
  app.use(securityHeaders);
  // Pages, CSS and script for clients that ask; never PDFs (compressed already, and signed byte for byte).
  // The fast verification route is answered before Express and never passes here.
  app.use(compression({ filter: (req, res) => !String(res.getHeader('Content-Type') ?? '').startsWith('application/pdf') && compression.filter(req, res) }));
  app.use('/api/v1/verify/document', express.raw({ type: ['application/pdf', 'application/octet-stream'], limit: '10mb' }));
  // Rosters as Excel saves them; decoded (UTF-8, BOM, Windows-1251) by the roster reader. Over 5 MB: 413.
  app.use('/api/v1/organisations', express.raw({ type: ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'], limit: '5mb' }));
  app.use('/api/v1/author/course-archives', express.raw({ type: ['application/zip', 'application/octet-stream'], limit: '20mb' }));
  // The editor's routes first: a body is parsed once, by the first parser that accepts its type.
  app.use('/staff/authoring', express.json({ limit: AUTHORING_FORM_LIMITS.bytes }), formParser(AUTHORING_FORM_LIMITS));
  // A Moodle XML file carries its images as base64: its import takes up to MOODLE_XML_MAX_BYTES as JSON text.
  app.use(/^\/api\/v1\/author\/courses\/[^/]+\/draft\/quizzes\/[^/]+\/moodle-xml$/, express.json({ limit: Math.ceil(MOODLE_XML_MAX_BYTES * 1.5) }));
  app.use(express.json({ limit: '256kb' }));
  app.use(formParser(FORM_LIMITS));
  app.use(uploadParser());
  configureViews(app);
  app.use(rejectPrototypeKeys);
  if (config.fastVerification) mountFastVerification(app, securityHeaders);
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  return app;
}

/** Imports courses/ and creates the configured admin: start-up work done once, by one process. */
export async function seedOnStart(app: INestApplication, config: AppConfig): Promise<void> {
  // Start-up facts an operator wants to see, whatever the framework's log level.
  const say = config.logLevel === 'silent' ? () => undefined : (line: string) => console.log(line);
  const report = await app.get(CourseImporter).importFolder(config.coursesDir);
  for (const o of report.outcomes) say(`course ${o.slug}: version ${o.version}${o.changed ? ' (imported)' : ''}`);
  // The files in courses/ are reviewed like code: the operator who deployed them is their second person.
  await app.get(ApprovalIssuer).approveDeployed(report.outcomes.filter((o) => !o.filesMatchVersion));
  for (const slug of report.invalid) say(`course ${slug} was NOT imported (it has problems): run npm run courses:validate`);
  if (config.admin && (await app.get(UsersService).ensureAdmin(config.admin.email, config.admin.password))) {
    say(`admin account ${config.admin.email} created`);
  }
}

async function listen(app: INestApplication, port: number): Promise<void> {
  // The bare http server's listen, not app.listen(): Nest would also log the error with its stack.
  const server = app.getHttpServer() as import('node:http').Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${port} is already in use; stop the other program or set PORT to a free port.`);
    if (code === 'EACCES') throw new StartupError(`Port ${port} needs privileges this user does not have; set PORT to a port above 1024.`);
    throw err;
  }
}

export async function startPlatform(config: AppConfig, options: { seed?: boolean; shutdownHooks?: boolean } = {}): Promise<RunningPlatform> {
  const { url: databaseUrl, embedded } = await prepareDatabase(config);
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(config, databaseUrl, { shutdownHooks: options.shutdownHooks });
    await app.init();
    if (options.seed !== false) await seedOnStart(app, config);
    await listen(app, config.port);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  const address = app.getHttpServer().address() as { port: number };
  const running = app;
  let stopped = false;
  return {
    app: running,
    url: `http://localhost:${address.port}`,
    databaseUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.close();
      await embedded?.stop();
    },
  };
}

import { ChildProcess, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { connectAndMigrate, startEmbeddedPostgres } from '@themis/database';
import type { LoadResult, LoadSpec } from './load';
import type { OpenLoopResult, OpenLoopSpec, StreamResult } from './open-loop';
import { seed, SeededCourse, SeedResult } from './seed';

/**
 * `npm run bench [-- --quick] [-- --json FILE] [-- --workers N] [-- --cpu-prof DIR] [-- --only a,b] [-- --keep] [-- --seed-only]`
 *
 * Seeds a fresh embedded PostgreSQL with bulk SQL, starts the production build of the server
 * as a child process, drives it with autocannon from another process, and prints each figure
 * next to a bare baseline (bench/baselines/bare-server.ts) measured in the same run on the
 * same data. Figures that cannot be measured are printed as "skipped: <reason>", never faked.
 */
interface Figure {
  name: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target?: string;
  note?: string;
  skipped?: string;
}

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = flag('--quick');
/** `--seed-only`: seed, print the database URL, keep PostgreSQL running until SIGINT; measure nothing. */
const SEED_ONLY = flag('--seed-only');
const JSON_FILE = option('--json');
const WORKERS = Number(option('--workers') ?? 1);
const SCALE = Number(option('--scale') ?? (QUICK ? 0.01 : 1));
const DURATION = Number(option('--duration') ?? (QUICK ? 3 : 10));
const CONNECTIONS = 50;
/** `--cpu-prof DIR`: the server under test writes a V8 CPU profile there when it stops. */
const CPU_PROF = option('--cpu-prof');
/**
 * The deadline wave (bench/open-loop.ts): WAVE.completions last-lesson completions spread evenly over WAVE.seconds
 * while readers open lesson pages at WAVE.readers per second, after WAVE.quietSeconds of readers alone; then a step
 * search up from the wave's rate (× WAVE.stepFactor, WAVE.stepSeconds each, at most WAVE.maxSteps, bounded by the
 * seeded pool). `--wave-completions N`, `--wave-seconds S`, `--wave-readers R` override the first three.
 */
const WAVE = {
  completions: Number(option('--wave-completions') ?? (QUICK ? 60 : 1000)),
  seconds: Number(option('--wave-seconds') ?? (QUICK ? 8 : 60)),
  readers: Number(option('--wave-readers') ?? (QUICK ? 20 : 100)),
  quietSeconds: QUICK ? 3 : 15,
  stepSeconds: QUICK ? 3 : 20,
  stepFactor: 1.5,
  maxSteps: QUICK ? 3 : 6,
};
/** Learners one lesson short that the wave and its steps can complete (each completes once). */
const WAVE_POOL = Math.ceil(WAVE.completions + Array.from({ length: WAVE.maxSteps }, (_, k) => (WAVE.completions / WAVE.seconds) * WAVE.stepFactor ** (k + 1) * WAVE.stepSeconds).reduce((a, b) => a + b, 0));
/** `--only verify,batch,lesson,translated,claim,quiz,issue,report,console,reset,wave`: measure a subset (e.g. while profiling one route). */
const ONLY = option('--only')?.split(',');
const want = (section: string) => !ONLY || ONLY.includes(section);

/**
 * The V8 flags `npm start` runs the server with (package.json config.server_node_flags), so the bench
 * measures the same process; `BENCH_SERVER_NODE_FLAGS` overrides them to compare settings.
 */
const SERVER_NODE_FLAGS: string[] = String(process.env.BENCH_SERVER_NODE_FLAGS ?? (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config?: { server_node_flags?: string } }).config?.server_node_flags ?? '')
  .split(/\s+/)
  .filter(Boolean);

const figures: Figure[] = [];
const log = (line: string) => console.log(`[bench] ${line}`);

function add(f: Omit<Figure, 'ratio'> & { ratio?: number | null }): void {
  const ratio = f.ratio !== undefined ? f.ratio : f.value !== null && f.baseline ? round(f.value / f.baseline, 3) : null;
  figures.push({ ...f, ratio });
  const base = f.baseline !== null ? ` | bare ${fmt(f.baseline)} ${f.unit} | ratio ${ratio ?? '-'}` : '';
  log(f.skipped ? `${f.name}: skipped: ${f.skipped}` : `${f.name}: ${fmt(f.value)} ${f.unit}${base}${f.note ? ` (${f.note})` : ''}`);
}
const skip = (name: string, unit: string, reason: string, target?: string) => add({ name, value: null, unit, baseline: null, ratio: null, skipped: reason, target });
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const fmt = (n: number | null) => (n === null ? '-' : Math.abs(n) >= 100 ? String(Math.round(n)) : String(round(n, 2)));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * HS256 access token with the claims SessionService.start writes (sub, sid, name, exp; header kid). The session
 * id is the user's own: measure() gives each seeded user one session row with that id, as if each had signed in.
 */
function mintToken(secret: string, user: { id: string; role: string; name: string }, ttlSeconds = 6 * 3600): string {
  const kid = crypto.createHash('sha256').update(secret).digest('hex').slice(0, 12);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64({ sub: user.id, sid: user.id, name: user.name, iat: now, exp: now + ttlSeconds })}`;
  return `${body}.${crypto.createHmac('sha256', secret).update(body).digest('base64url')}`;
}

interface Proc {
  child: ChildProcess;
  url: string;
  readyMs: number;
  output: string[];
  stop(): Promise<void>;
}

/** Starts a process and resolves when a line matches `ready` (its URL in group 1). */
function startProcess(script: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = []): Promise<Proc> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path.basename(script)} not ready after 180 s:\n${output.join('')}`)), 180_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      if (output.length > 200) output.shift();
      const m = output.join('').match(ready);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (c: Buffer) => (output.push(c.toString()), output.length > 200 && output.shift()));
        resolve({
          child,
          url: m[1].replace('localhost', '127.0.0.1'),
          readyMs: Number(process.hrtime.bigint() - started) / 1e6,
          output,
          stop: () => stopChild(child),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited with ${code} before it was ready:\n${output.join('')}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    child.kill('SIGTERM');
  });
}

let specCounter = 0;
async function load(tmp: string, spec: Spec, watch?: number): Promise<LoadResult> {
  const file = path.join(tmp, `spec-${++specCounter}.json`);
  fs.writeFileSync(file, JSON.stringify({ duration: DURATION, connections: CONNECTIONS, ...spec }));
  const sampler = watch ? sampleRss(watch, spec.kind === 'quiz-cycle' ? 'quiz' : `${spec.method ?? 'GET'} ${spec.paths?.[0]?.split('/').slice(0, 4).join('/')}`) : null;
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(DIST, 'bench', 'load.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`load generator exited with ${code}`))));
    });
    return JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
  } finally {
    sampler?.stop();
  }
}

type Spec = Omit<LoadSpec, 'duration' | 'connections'> & Partial<Pick<LoadSpec, 'duration' | 'connections'>>;

/**
 * The server and its bare baseline, measured in the order server, bare, bare, server, each for
 * half the duration (or half the requests): this VM's speed drifts by tens of percent within
 * minutes, and measured one after the other the later side took the drift alone. The halves
 * are combined as means (requests per second, latency percentiles) and sums (counts).
 */
async function paired(tmp: string, server: Spec, bare: Spec, pid: number): Promise<{ s: LoadResult; b: LoadResult }> {
  const half = (spec: Spec): Spec => ({ ...spec, duration: (spec.duration ?? DURATION) / 2, ...(spec.amount ? { amount: Math.ceil(spec.amount / 2) } : {}) });
  const s1 = await load(tmp, half(server), pid);
  const b1 = await load(tmp, half(bare));
  const b2 = await load(tmp, half(bare));
  const s2 = await load(tmp, half(server), pid);
  return { s: combine(s1, s2), b: combine(b1, b2) };
}

function combine(x: LoadResult, y: LoadResult): LoadResult {
  const mean = (a: number, b: number) => round((a + b) / 2, 2);
  return {
    requestsPerSecond: mean(x.requestsPerSecond, y.requestsPerSecond),
    latency: { p50: mean(x.latency.p50, y.latency.p50), p90: mean(x.latency.p90, y.latency.p90), p99: mean(x.latency.p99, y.latency.p99), mean: mean(x.latency.mean, y.latency.mean), max: Math.max(x.latency.max, y.latency.max) },
    total: x.total + y.total,
    non2xx: x.non2xx + y.non2xx,
    errors: x.errors + y.errors,
    timeouts: x.timeouts + y.timeouts,
    durationSeconds: x.durationSeconds + y.durationSeconds,
  };
}

/** VmRSS/VmHWM (kB) of a process and its children (cluster workers). */
function rssOf(pid: number): { rss: number; hwm: number } {
  const pids = [pid, ...childPids(pid)];
  let rss = 0;
  let hwm = 0;
  for (const p of pids) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
      hwm += Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return { rss, hwm };
}

function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

let peakRssKb = 0;
/** Peak RSS per measured phase, to tell which load drives memory. */
const phasePeaks: string[] = [];
function sampleRss(pid: number, phase: string): { stop(): void } {
  let peak = 0;
  const timer = setInterval(() => {
    const { rss } = rssOf(pid);
    peak = Math.max(peak, rss);
    peakRssKb = Math.max(peakRssKb, rss);
  }, 200);
  return { stop: () => (clearInterval(timer), phasePeaks.push(`${phase} ${round(peak / 1024)} MB`)) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** One request before a figure: its status, and the answer's start printed when it is not 2xx. */
async function probe(url: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(url, init).catch((err: Error) => (log(`probe ${url}: ${err.message}`), null));
  const body = res ? await res.text() : '';
  if (res && (res.status < 200 || res.status >= 300)) log(`probe ${init.method ?? 'GET'} ${new URL(url).pathname} answered ${res.status}: ${body.slice(0, 300)}`);
  return res?.status ?? 0;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-bench-'));
  fs.chmodSync(tmp, 0o755);
  // The seeded data directory goes when the run ends, however it ends (--keep to inspect it).
  process.once('exit', () => (flag('--keep') ? console.log(`[bench] kept ${tmp}`) : fs.rmSync(tmp, { recursive: true, force: true })));
  const dataDir = path.join(tmp, 'data');
  const keysDir = path.join(tmp, 'keys');
  fs.mkdirSync(dataDir, { mode: 0o755 });
  const secret = crypto.randomBytes(32).toString('base64url');
  log(`${QUICK ? 'quick' : 'full'} run: scale ${SCALE}, ${DURATION} s per figure, ${CONNECTIONS} connections, ${WORKERS} worker(s), ${os.cpus().length} CPUs; data in ${tmp}`);

  const pg = await startEmbeddedPostgres(dataDir);
  let server: Proc | undefined;
  let bare: Proc | undefined;
  try {
    (await connectAndMigrate(pg.url)).destroy();
    const serverEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
      DATABASE_URL: pg.url,
      DATA_DIR: dataDir,
      KEYS_DIR: keysDir,
      COURSES_DIR: path.join(ROOT, 'courses'),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: secret,
      PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
      // Behind a load balancer: the bench spreads public lookups over many client addresses.
      TRUST_PROXY: 'true',
      WEB_CONCURRENCY: String(WORKERS),
      // On a busy shared machine a first connection can take longer than the default 5 s.
      DATABASE_CONNECT_TIMEOUT_MS: '30000',
      ...extra,
    });
    const mainJs = path.join(DIST, 'apps', 'server', 'src', 'main.js');
    const READY = /Themis is ready at (http:\/\/\S+)/;

    // 1. The real importer loads the real courses into the empty database.
    log('importing courses with the real server');
    const importer = await startProcess(mainJs, serverEnv({ PORT: String(await freePort()) }), READY);
    await importer.stop();

    // 2. Bulk seed.
    const argon2 = await import('argon2');
    const passwordHash = await argon2.hash('bench-password-not-secret', { type: argon2.argon2id });
    const seeded = await seed(pg.url, { scale: SCALE, passwordHash, wavePool: want('wave') ? WAVE_POOL : 0, log: (l) => log(`seed: ${l}`) });
    log(`seeded in ${round(seeded.seconds)} s: ${JSON.stringify(seeded.counts)}`);
    add({ name: 'seed', value: round(seeded.seconds, 1), unit: 's', baseline: null, note: Object.entries(seeded.counts).map(([k, v]) => `${k} ${v}`).join(', ') });
    if (SEED_ONLY) {
      // `--seed-only`: the seeded database stays up for EXPLAIN (ANALYZE, BUFFERS) and the like, until Ctrl-C.
      log(`seeded database at ${pg.url} (organisation ${seeded.organisation.organisationId}); Ctrl-C stops it`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      return;
    }

    // 3. Servers: the real one and the bare baselines.
    server = await startProcess(mainJs, serverEnv({ PORT: String(await freePort()) }), READY, [...SERVER_NODE_FLAGS, ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [])]);
    // With --cpu-prof the bare baseline writes its profile too, to compare the same route side by side.
    bare = await startProcess(path.join(DIST, 'bench', 'baselines', 'bare-server.js'), { DATABASE_URL: pg.url, JWT_SECRET: secret, PORT: String(await freePort()) }, /bare baseline ready at (http:\/\/\S+)/, CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : []);
    const pid = server.child.pid!;
    log(`server pid ${pid} at ${server.url}; bare baseline pid ${bare.child.pid} at ${bare.url}`);
    await measure(tmp, server, bare, seeded, secret, pid, pg.url);
    const { rss, hwm } = rssOf(pid);
    add({ name: 'server_rss_peak_under_load', value: round(peakRssKb / 1024), unit: 'MB', baseline: null, target: '< 250 MB', note: `sampled every 200 ms during load (${phasePeaks.join(', ')}); VmHWM ${round(hwm / 1024)} MB, VmRSS now ${round(rss / 1024)} MB${WORKERS > 1 ? `, summed over ${WORKERS} workers and the primary` : ''}` });
    await server.stop();
    await bare.stop();
    server = bare = undefined;
  } finally {
    await server?.stop();
    await bare?.stop();
    await pg.stop();
  }

  // 4. Warm start-up: the server starts its own embedded PostgreSQL on the seeded data directory.
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const env = { DATA_DIR: dataDir, KEYS_DIR: keysDir, COURSES_DIR: path.join(ROOT, 'courses'), NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: secret, PORT: String(await freePort()), DATABASE_URL: '', WEB_CONCURRENCY: String(WORKERS) };
    const p = await startProcess(path.join(DIST, 'apps', 'server', 'src', 'main.js'), env, /Themis is ready at (http:\/\/\S+)/, SERVER_NODE_FLAGS);
    times.push(p.readyMs / 1000);
    await p.stop();
  }
  add({ name: 'startup_warm', value: round(median(times), 2), unit: 's', baseline: null, target: '< 4 s', note: `median of ${times.map((t) => round(t, 2)).join(', ')} s: node start to "ready", embedded PostgreSQL on the existing data directory, migrations and course import checked` });

  printTable();
  if (JSON_FILE) {
    fs.writeFileSync(path.resolve(JSON_FILE), JSON.stringify({ date: new Date().toISOString(), quick: QUICK, scale: SCALE, durationSeconds: DURATION, connections: CONNECTIONS, workers: WORKERS, cpus: os.cpus().length, node: process.version, serverNodeFlags: SERVER_NODE_FLAGS.join(" "), figures }, null, 2) + '\n');
    log(`wrote ${JSON_FILE}`);
  }
  const failed = figures.filter((f) => !f.skipped && (f.value === null || Number.isNaN(f.value)));
  if (failed.length) {
    console.error(`[bench] measurements that did not run: ${failed.map((f) => f.name).join(', ')}`);
    process.exit(1);
  }
}

async function measure(tmp: string, server: Proc, bare: Proc, seeded: SeedResult, secret: string, pid: number, databaseUrl: string): Promise<void> {
  const big = seeded.bigCourse;
  // Every access token names a row in `sessions` (one primary-key lookup per signed-in request).
  const sessionDb = new Client({ connectionString: databaseUrl });
  await sessionDb.connect();
  await sessionDb.query(`INSERT INTO sessions (id, user_id, expires_at) SELECT id, id, now() + interval '7 hours' FROM users ON CONFLICT (id) DO NOTHING`);
  await sessionDb.end();
  const learnerToken = (id: string) => mintToken(secret, { id, role: 'learner', name: 'Bench Learner' });
  const codes = seeded.codes;
  const verifyPaths = codes.map((c) => `/api/v1/verify/${c}`);

  // Verification by code (public, rate-limited per client in PostgreSQL).
  if (!want('verify')) {
    /* not asked for */
  } else if ((await probe(`${server.url}/api/v1/verify/${codes[0]}`)) === 200) {
    // 1,000 client addresses: each lookup counts against its own client's per-minute row, as in real traffic.
    const { s, b } = await paired(tmp, { url: server.url, kind: 'paths', paths: verifyPaths, clients: 1000 }, { url: bare.url, kind: 'paths', paths: verifyPaths }, pid);
    add({ name: 'verify_by_code_rps', value: round(s.requestsPerSecond), unit: 'req/s', baseline: round(b.requestsPerSecond), target: '≥ 0.75 of bare', note: `1,000 client addresses${errorsNote(s, '; ')}` });
    add({ name: 'verify_by_code_p99', value: s.latency.p99, unit: 'ms', baseline: b.latency.p99, target: '< 25 ms at 50 connections' });
    // One client address: every lookup increments the same rate-limit row (the worst case).
    const one = await load(tmp, { url: server.url, kind: 'paths', paths: verifyPaths }, pid);
    add({ name: 'verify_by_code_one_client_rps', value: round(one.requestsPerSecond), unit: 'req/s', baseline: round(b.requestsPerSecond), note: `all from one address: one hot rate-limit row; p99 ${one.latency.p99} ms${errorsNote(one, '; ')}` });
  } else {
    skip('verify_by_code_rps', 'req/s', 'GET /api/v1/verify/:code did not answer 200 for a seeded code');
    skip('verify_by_code_p99', 'ms', 'GET /api/v1/verify/:code did not answer 200 for a seeded code');
  }

  // Batch of 1,000 codes (verifier API key), one connection: the time of one batch.
  const batchBody = JSON.stringify({ codes: codes.slice(0, 1000) });
  const apiKey = { 'x-api-key': seeded.verifierKey };
  if (!want('batch')) {
    /* not asked for */
  } else if ((await probe(`${server.url}/api/v1/verify/batch`, { method: 'POST', headers: { ...apiKey, 'content-type': 'application/json' }, body: batchBody })) === 200) {
    const n = QUICK ? 30 : 200;
    const { s, b } = await paired(
      tmp,
      { url: server.url, kind: 'paths', method: 'POST', paths: ['/api/v1/verify/batch'], headers: [apiKey], body: batchBody, connections: 1, amount: n },
      { url: bare.url, kind: 'paths', method: 'POST', paths: ['/api/v1/verify/batch'], body: batchBody, connections: 1, amount: n },
      pid,
    );
    add({ name: 'verify_batch_1000_p50', value: s.latency.p50, unit: 'ms', baseline: b.latency.p50, target: '≤ 1.5× bare', note: `${n} sequential batches; p99 ${s.latency.p99} ms vs bare ${b.latency.p99} ms${errorsNote(s, '; ')}` });
  } else skip('verify_batch_1000_p50', 'ms', 'POST /api/v1/verify/batch did not answer 200 with the seeded API key');

  // Lesson page (HTML, session cookie) and lesson API (Bearer), random learner × random lesson.
  const lessonPool = seeded.pools.lesson;
  const lessonPaths: string[] = [];
  const cookies: Record<string, string>[] = [];
  const bearers: Record<string, string>[] = [];
  for (let i = 0; i < 2000; i++) {
    const learner = lessonPool[i % lessonPool.length];
    const lesson = big.lessons[(i * 7) % big.lessons.length];
    const token = learnerToken(learner);
    lessonPaths.push(`/courses/${big.slug}/lessons/${lesson.slug}`);
    cookies.push({ cookie: `themis_session=${token}` });
    bearers.push({ authorization: `Bearer ${token}` });
  }
  const apiPaths = lessonPaths.map((p) => `/api/v1${p}`);
  if (!want('lesson')) {
    /* not asked for */
  } else if ((await probe(`${server.url}${lessonPaths[0]}`, { headers: cookies[0] })) === 200) {
    const { s, b } = await paired(tmp, { url: server.url, kind: 'paths', paths: lessonPaths, headers: cookies }, { url: bare.url, kind: 'paths', paths: lessonPaths, headers: cookies }, pid);
    add({ name: 'lesson_page_rps', value: round(s.requestsPerSecond), unit: 'req/s', baseline: round(b.requestsPerSecond), target: '≥ 0.60 of bare', note: `p99 ${s.latency.p99} ms vs bare ${b.latency.p99} ms${errorsNote(s, '; ')}` });
  } else skip('lesson_page_rps', 'req/s', `GET ${lessonPaths[0]} with a session cookie did not answer 200`);
  if (!want('lesson')) {
    /* not asked for */
  } else if ((await probe(`${server.url}${apiPaths[0]}`, { headers: bearers[0] })) === 200) {
    const { s, b } = await paired(tmp, { url: server.url, kind: 'paths', paths: apiPaths, headers: bearers }, { url: bare.url, kind: 'paths', paths: apiPaths, headers: bearers }, pid);
    add({ name: 'lesson_api_rps', value: round(s.requestsPerSecond), unit: 'req/s', baseline: round(b.requestsPerSecond), note: `p99 ${s.latency.p99} ms vs bare ${b.latency.p99} ms${errorsNote(s, '; ')}` });
  } else skip('lesson_api_rps', 'req/s', `GET ${apiPaths[0]} did not answer 200`);

  // Translated lesson page: the course with translations, read by learners who chose its translation, beside the
  // same course's pages in the source language (measured in turns like a bare baseline; no bare server translates).
  const tr = seeded.translated;
  if (!want('translated')) {
    /* not asked for */
  } else if (!tr || !tr.source.length || !tr.translatedReaders.length) {
    skip('lesson_page_translated_rps', 'req/s', 'no published course offers a translation');
  } else {
    const side = (learners: string[]) => {
      const paths: string[] = [];
      const headers: Record<string, string>[] = [];
      for (let i = 0; i < 2000; i++) {
        paths.push(`/courses/${tr.slug}/lessons/${tr.lessons[(i * 7) % tr.lessons.length].slug}`);
        headers.push({ cookie: `themis_session=${learnerToken(learners[i % learners.length])}` });
      }
      return { paths, headers };
    };
    const translatedSide = side(tr.translatedReaders);
    const sourceSide = side(tr.source);
    const probeStatus = await probe(`${server.url}${translatedSide.paths[0]}`, { headers: translatedSide.headers[0] });
    const page = probeStatus === 200 ? await (await fetch(`${server.url}${translatedSide.paths[0]}`, { headers: translatedSide.headers[0] })).text() : '';
    if (probeStatus !== 200) skip('lesson_page_translated_rps', 'req/s', `GET ${translatedSide.paths[0]} (enrolment in ${tr.language}) answered ${probeStatus}`);
    else {
      const { s, b } = await paired(tmp, { url: server.url, kind: 'paths', ...translatedSide }, { url: server.url, kind: 'paths', ...sourceSide }, pid);
      // The lesson's own language, as the page marks it: the translation was served if it is the enrolment's.
      const lang = page.match(/<article class="lesson" lang="([a-z]{2})"/)?.[1];
      add({ name: 'lesson_page_translated_rps', value: round(s.requestsPerSecond), unit: 'req/s', baseline: round(b.requestsPerSecond), target: 'no regression vs the source language', note: `${tr.slug} read in ${tr.language} (lesson served in ${lang ?? '?'}${lang === tr.language ? '' : ': NOT the translation'}) vs the same lessons in the source language ("baseline" here); p99 ${s.latency.p99} ms vs ${b.latency.p99} ms${errorsNote(s, '; ')}` });
      // The lesson API's explicit ?lang= on the same course, beside the same request without it.
      const api = (side: { paths: string[]; headers: Record<string, string>[] }, query: string) => ({
        url: server.url,
        kind: 'paths' as const,
        paths: side.paths.map((p) => `/api/v1${p}${query}`),
        headers: side.headers.map((h) => ({ authorization: `Bearer ${h.cookie.replace('themis_session=', '')}` })),
      });
      if ((await probe(`${server.url}/api/v1${sourceSide.paths[0]}?lang=${tr.language}`, { headers: { authorization: `Bearer ${sourceSide.headers[0].cookie.replace('themis_session=', '')}` } })) === 200) {
        const r = await paired(tmp, api(sourceSide, `?lang=${tr.language}`), api(sourceSide, ''), pid);
        add({ name: 'lesson_api_lang_rps', value: round(r.s.requestsPerSecond), unit: 'req/s', baseline: round(r.b.requestsPerSecond), note: `GET /api/v1/courses/${tr.slug}/lessons/:lesson?lang=${tr.language} vs the same without ?lang ("baseline" here); p99 ${r.s.latency.p99} ms vs ${r.b.latency.p99} ms${errorsNote(r.s, '; ')}` });
      } else skip('lesson_api_lang_rps', 'req/s', `GET /api/v1${sourceSide.paths[0]}?lang=${tr.language} did not answer 200`);
    }
  }

  // Membership claim: each learner of the claim pool claims once, with the name and number on the roster (verified at once).
  const claimers = seeded.pools.claim;
  if (!want('claim')) {
    /* not asked for */
  } else if (claimers.length < 2) {
    skip('membership_claim_p50', 'ms', 'the seed left no learners to claim a membership');
  } else {
    const claimBody = (c: { barNumber: string }) => JSON.stringify({ organisationId: seeded.organisation.organisationId, barNumber: c.barNumber });
    const claimHeaders = claimers.map((c) => ({ authorization: `Bearer ${learnerToken(c.id)}` }));
    const status = await probe(`${server.url}/api/v1/me/memberships`, { method: 'POST', headers: { ...claimHeaders[0], 'content-type': 'application/json' }, body: claimBody(claimers[0]) });
    if (status === 200 || status === 201) {
      const rest = claimers.slice(1);
      const s = await load(tmp, { url: server.url, kind: 'paths', method: 'POST', paths: ['/api/v1/me/memberships'], headers: claimHeaders.slice(1), bodies: rest.map(claimBody), connections: 10, amount: rest.length }, pid);
      add({ name: 'membership_claim_p50', value: s.latency.p50, unit: 'ms', baseline: null, note: `POST /api/v1/me/memberships, ${rest.length} learners claiming once each (on the roster: verified in the claim), 10 connections, ${round(s.requestsPerSecond)} claims/s, p99 ${s.latency.p99} ms${errorsNote(s, '; ')}` });
    } else skip('membership_claim_p50', 'ms', `POST /api/v1/me/memberships answered ${status}`);
  }

  // Quiz cycles: start an attempt, submit it (two requests per cycle), fresh learners each time.
  const quiz = big.quizzes[0];
  if (!want('quiz')) {
    /* not asked for */
  } else if (quiz) {
    const tokens = seeded.pools.quiz.map(learnerToken);
    await probe(`${server.url}/api/v1/courses/${big.slug}/quizzes/${quiz.slug}/attempts`, { method: 'POST', headers: { authorization: `Bearer ${tokens[tokens.length - 1]}` } });
    const s = await load(tmp, { url: server.url, kind: 'quiz-cycle', tokens, courseSlug: big.slug, quizSlug: quiz.slug, connections: 10 }, pid);
    // Only answered cycles count: once a seeded learner has used every attempt, the start is a 409 and its submission a 404.
    const cycles = (s.total - s.non2xx) / 2 / s.durationSeconds;
    add({ name: 'quiz_cycles', value: round(cycles), unit: 'cycles/s', baseline: null, note: `successful start + submission pairs at 10 connections; p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms per request${errorsNote(s, '; ')}` });
  } else skip('quiz_cycles', 'cycles/s', 'the big course has no quiz');

  // Certificate issue: completing the last lesson completes the course, issues and signs the PDF in that request.
  const last = big.lessons[big.lessons.length - 1];
  const issuePool = seeded.pools.issue;
  const issuePaths = issuePool.map(() => `/api/v1/courses/${big.slug}/lessons/${last.slug}/completion`);
  const issueHeaders = issuePool.map((id) => ({ authorization: `Bearer ${learnerToken(id)}` }));
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    if (want('issue')) {
      const runStart = new Date();
      await probe(`${server.url}${issuePaths[0]}`, { method: 'POST', headers: issueHeaders[0] });
      const before = Number((await db.query(`SELECT count(*) FROM certificates WHERE user_id = ANY($1::uuid[])`, [issuePool])).rows[0].count);
      const s = await load(tmp, { url: server.url, kind: 'paths', method: 'POST', paths: issuePaths.slice(1), headers: issueHeaders.slice(1), connections: 1, amount: issuePool.length - 1 }, pid);
      const issued = Number((await db.query(`SELECT count(*) FROM certificates WHERE user_id = ANY($1::uuid[])`, [issuePool])).rows[0].count) - before;
      const n = QUICK ? 20 : 100;
      const b = await load(tmp, { url: bare.url, kind: 'paths', paths: ['/bare/pdf'], connections: 1, amount: n });
      if (issued > 0) {
        add({ name: 'certificate_issue_p50', value: s.latency.p50, unit: 'ms', baseline: b.latency.p50, target: '< 100 ms', note: `${issued} of ${issuePool.length - 1} completions issued a signed PDF (one request each: completion, certificate row, PDF render, CMS signature); p99 ${s.latency.p99} ms; bare = pdfkit alone` });
      } else skip('certificate_issue_p50', 'ms', `completing the last lesson issued no certificate (${s.non2xx} non-2xx)`, '< 100 ms');

      // PDF download of the certificates just issued: served from the stored bytes.
      const mine = await db.query(`SELECT code, user_id, pdf_sha256 FROM certificates WHERE user_id = ANY($1::uuid[]) AND superseded_by IS NULL AND issued_at >= $2`, [issuePool, new Date(runStart.getTime() - 2000)]);
      if (mine.rows.length) {
        const paths = mine.rows.map((r) => `/api/v1/certificates/${r.code}/pdf`);
        const headers = mine.rows.map((r) => ({ authorization: `Bearer ${learnerToken(r.user_id)}` }));
        const first = await fetch(`${server.url}${paths[0]}`, { headers: headers[0] });
        const bytes = Buffer.from(await first.arrayBuffer());
        const same = crypto.createHash('sha256').update(bytes).digest('hex') === mine.rows[0].pdf_sha256;
        if (first.status === 200) {
          const d = await load(tmp, { url: server.url, kind: 'paths', paths, headers }, pid);
          add({ name: 'pdf_download_rps', value: round(d.requestsPerSecond), unit: 'req/s', baseline: null, note: `p50 ${d.latency.p50} ms, p99 ${d.latency.p99} ms; bytes ${same ? 'identical to' : 'DIFFERENT from'} the stored pdf_sha256 (no re-rendering)${errorsNote(d, '; ')}` });
        } else skip('pdf_download_rps', 'req/s', `GET ${paths[0]} answered ${first.status}`);
      } else skip('pdf_download_rps', 'req/s', 'no certificate was issued in this run to download');
    }
  } finally {
    await db.end();
  }

  // Trainer report for the 50,000-enrolment course.
  const trainer = { authorization: `Bearer ${mintToken(secret, { id: seeded.trainerId, role: 'trainer', name: 'Bench Trainer' })}` };
  // The first request after start-up is cold (fresh connections, nothing warmed in the server); the server keeps no report cache.
  const coldStart = process.hrtime.bigint();
  const reportPath = want('report') ? await findReportPath(server.url, big.slug, trainer) : null;
  const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  if (reportPath) add({ name: 'trainer_report_cold', value: round(coldMs, 1), unit: 'ms', baseline: null, target: '< 300 ms at 50,000 enrolments', note: `first request for ${reportPath} after start-up (nothing cached)` });
  if (!want('report')) {
    /* not asked for */
  } else if (reportPath) {
    const n = QUICK ? 5 : 20;
    const s = await load(tmp, { url: server.url, kind: 'paths', paths: [reportPath], headers: [trainer], connections: 1, amount: n }, pid);
    add({ name: 'trainer_report_p50', value: s.latency.p50, unit: 'ms', baseline: null, target: '< 300 ms at 50,000 enrolments', note: `${reportPath}, ${n} sequential requests after the first (each computed afresh: no report cache), p99 ${s.latency.p99} ms; ${seeded.counts['big_course_enrollments']} enrolments${errorsNote(s, '; ')}` });
  } else skip('trainer_report_p50', 'ms', 'no trainer report endpoint answered 200 (tried the report API and /staff/courses/:slug/progress)', '< 300 ms');

  // The compliance console of the seeded bar association, read with its key: every member's hours in the cycle, computed per request.
  if (want('console')) {
    const org = seeded.organisation;
    const consolePath = `/api/v1/organisations/${org.organisationId}/compliance?limit=100`;
    const status = await probe(`${server.url}${consolePath}`, { headers: { 'x-api-key': org.apiKey } });
    if (status === 200) {
      const n = QUICK ? 5 : 20;
      const s = await load(tmp, { url: server.url, kind: 'paths', paths: [consolePath], headers: [{ 'x-api-key': org.apiKey }], connections: 1, amount: n }, pid);
      add({ name: 'compliance_console_p50', value: s.latency.p50, unit: 'ms', baseline: null, target: '< 300 ms at 10,000 members', note: `${consolePath}, ${n} sequential requests, p99 ${s.latency.p99} ms; ${org.members} verified members${errorsNote(s, '; ')}` });
    } else skip('compliance_console_p50', 'ms', `GET ${consolePath} answered ${status}`, '< 300 ms');
  }

  if (want('wave')) await deadlineWave(tmp, server, big, seeded.pools.wave, lessonPaths, cookies, learnerToken, pid);
  // Password-reset requests, last: each answers 202 after two rate-limit counts and one queued job, and
  // the jobs (look-up, mail into DATA_DIR/outbox) then run in the background, which would disturb a later figure.
  if (want('reset')) {
    // Every other address a seeded learner's, the rest unknown (the request does the same work for both); each once
    // in 40,000 requests (the limit is 5 an hour per address), from 1,000 client addresses (30 an hour each).
    const bodies = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ email: i % 2 ? `learner${(i >> 1) + 1}@bench.test` : `nobody${i}@bench.test` }));
    const resetPath = '/api/v1/auth/password-reset';
    const status = await probe(`${server.url}${resetPath}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.255.254' }, body: JSON.stringify({ email: 'probe@bench.test' }) });
    if (status === 202) {
      const s = await load(tmp, { url: server.url, kind: 'paths', method: 'POST', paths: [resetPath], bodies, clients: 1000, connections: 10 }, pid);
      add({ name: 'password_reset_request_rps', value: round(s.requestsPerSecond), unit: 'req/s', baseline: null, note: `POST ${resetPath} at 10 connections, 1,000 client addresses, known and unknown addresses alike; p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms${errorsNote(s, '; ')}` });
    } else skip('password_reset_request_rps', 'req/s', `POST ${resetPath} answered ${status}`);
  }
}

/**
 * The end of a CLE cycle: learners complete their last lesson (the request that completes the course and
 * issues the certificate) at a fixed arrival rate while readers open lesson pages at a fixed rate, open-loop
 * (bench/open-loop.ts). First readers alone (the quiet p99), then the wave, then a step search upwards.
 */
async function deadlineWave(tmp: string, server: Proc, big: SeededCourse, pool: string[], lessonPaths: string[], cookies: Record<string, string>[], learnerToken: (id: string) => string, pid: number): Promise<void> {
  const last = big.lessons[big.lessons.length - 1];
  const completionPath = `/api/v1/courses/${big.slug}/lessons/${last.slug}/completion`;
  if (pool.length < WAVE.completions) {
    skip('wave_completions_per_s', 'completions/s', `the seed holds ${pool.length} learners one lesson short, the wave needs ${WAVE.completions}`);
    return;
  }
  let used = 0;
  const take = (n: number) => pool.slice(used, (used += n));
  const readers = (seconds: number) => ({ name: 'lesson', rate: WAVE.readers, count: Math.round(WAVE.readers * seconds), paths: lessonPaths, headers: cookies });
  const completions = (rate: number, seconds: number) => {
    const learners = take(Math.round(rate * seconds));
    return { name: 'completion', rate, count: learners.length, method: 'POST' as const, paths: [completionPath], headers: learners.map((id) => ({ authorization: `Bearer ${learnerToken(id)}` })), followCertificate: true };
  };

  const quiet = (await openLoop(tmp, { url: server.url, streams: [readers(WAVE.quietSeconds)] }, pid, 'quiet readers')).streams[0];
  add({ name: 'wave_quiet_lesson_p99', value: quiet.latency.p99, unit: 'ms', baseline: null, note: `lesson pages alone at ${WAVE.readers}/s for ${WAVE.quietSeconds} s, open-loop: p50 ${quiet.latency.p50} ms${streamErrors(quiet)}` });

  const rate = WAVE.completions / WAVE.seconds;
  const judge = (c: StreamResult, l: StreamResult) => {
    const failed: string[] = [];
    if (!(c.latency.p99 < 100)) failed.push(`completion p99 ${c.latency.p99} ms ≥ 100`);
    if (!c.pdf || !(c.pdf.p99 < 10_000) || c.pdf.notReady > 0) failed.push(`PDF ready p99 ${c.pdf?.p99} ms${c.pdf?.notReady ? `, ${c.pdf.notReady} never ready` : ''}`);
    if (!(l.latency.p99 <= 2 * quiet.latency.p99)) failed.push(`lesson p99 ${l.latency.p99} ms > 2× quiet ${quiet.latency.p99} ms`);
    const errs = c.non2xx + c.errors + l.non2xx + l.errors;
    if (errs) failed.push(`${errs} errors`);
    return failed;
  };
  const wave = await openLoop(tmp, { url: server.url, streams: [completions(rate, WAVE.seconds), readers(WAVE.seconds)] }, pid, 'wave');
  const [c, l] = wave.streams;
  const failed = judge(c, l);
  const at = `${WAVE.completions} completions in ${WAVE.seconds} s with readers at ${WAVE.readers} pages/s`;
  add({ name: 'wave_completions_per_s', value: c.okPerSecond, unit: 'completions/s', baseline: null, target: `${round(rate, 2)}/s offered`, note: `${at}: ${c.ok} of ${c.sent} answered 2xx; generator start lag max ${Math.max(c.maxStartLagMs, l.maxStartLagMs)} ms${failed.length ? `; targets missed: ${failed.join('; ')}` : '; all targets met'}` });
  if (typeof c.latency.p50 !== 'number' || Number.isNaN(c.latency.p50)) return skip('wave_completion_p50', 'ms', `no completion answered (${c.errors} failed of ${c.sent})`);
  if (typeof l.latency.p99 !== 'number' || Number.isNaN(l.latency.p99)) return skip('wave_lesson_p99', 'ms', `no lesson page answered during the wave (${l.errors} failed of ${l.sent})`);
  add({ name: 'wave_completion_p50', value: c.latency.p50, unit: 'ms', baseline: null, note: `from the moment each completion was due; p90 ${c.latency.p90} ms, max ${c.latency.max} ms` });
  add({ name: 'wave_completion_p99', value: c.latency.p99, unit: 'ms', baseline: null, target: '< 100 ms' });
  const nothing = (what: string) => `${what} (${c.ok} of ${c.sent} completions answered 2xx, ${c.pdf?.ready ?? 0} PDFs ready)`;
  if (!c.pdf?.ready) return skip('wave_pdf_ready_p50', 'ms', nothing('no PDF became downloadable'));
  add({ name: 'wave_pdf_ready_p50', value: c.pdf?.p50 ?? null, unit: 'ms', baseline: null, note: `from the completion being due to the first 200 of GET /api/v1/certificates/:code/pdf (polled 50 ms, doubling to 1 s); ${c.pdf?.ready} ready, ${c.pdf?.notReady} not ready in 60 s, poll statuses ${JSON.stringify(c.pdf?.statuses)}` });
  add({ name: 'wave_pdf_ready_p99', value: c.pdf?.p99 ?? null, unit: 'ms', baseline: null, target: '< 10 s' });
  add({ name: 'wave_lesson_p99', value: l.latency.p99, unit: 'ms', baseline: quiet.latency.p99, target: '≤ 2× quiet', note: `lesson pages during the wave vs the quiet p99 just before ("baseline" here); p50 ${l.latency.p50} ms${streamErrors(l)}` });
  add({ name: 'wave_errors', value: c.non2xx + c.errors + l.non2xx + l.errors, unit: 'errors', baseline: null, target: '0', note: `completions ${c.non2xx} non-2xx, ${c.errors} failed; lesson pages ${l.non2xx} non-2xx, ${l.errors} failed${[...c.samples, ...l.samples].length ? `; e.g. ${[...c.samples, ...l.samples].slice(0, 2).join(' | ')}` : ''}` });

  // Step search: up by stepFactor while every target holds (down once by half from a missed wave), bounded in steps and by the pool.
  let best = failed.length ? null : rate;
  let stepRate = failed.length ? rate / 2 : rate * WAVE.stepFactor;
  const tried: string[] = [];
  let why = `${WAVE.maxSteps} steps`;
  for (let step = 0; step < WAVE.maxSteps; step++) {
    const need = Math.round(stepRate * WAVE.stepSeconds);
    if (used + need > pool.length) {
      why = `the seeded pool (${pool.length - used} learners left, ${need} needed)`;
      break;
    }
    await drained(server.url, lessonPaths[0], cookies[0], quiet.latency.p99);
    const r = await openLoop(tmp, { url: server.url, streams: [completions(stepRate, WAVE.stepSeconds), readers(WAVE.stepSeconds)] }, pid, `step ${round(stepRate, 1)}/s`);
    const f = judge(r.streams[0], r.streams[1]);
    tried.push(`${round(stepRate, 1)}/s: ${f.length ? `missed (${f.join('; ')})` : `met (completion p99 ${r.streams[0].latency.p99} ms, PDF p99 ${r.streams[0].pdf?.p99} ms, lesson p99 ${r.streams[1].latency.p99} ms)`}`);
    if (f.length) {
      why = `a missed target at ${round(stepRate, 1)}/s`;
      if (best !== null) break;
      stepRate /= 2;
    } else {
      best = Math.max(best ?? 0, stepRate);
      if (failed.length) {
        why = 'the first rate met below the missed wave';
        break;
      }
      stepRate *= WAVE.stepFactor;
    }
  }
  add({ name: 'wave_max_sustained_rate', value: best === null ? 0 : round(best, 2), unit: 'completions/s', baseline: null, target: `≥ ${round(rate, 2)}/s`, note: `highest offered rate with every target met (completion p99 < 100 ms, PDF ready p99 < 10 s, lesson p99 ≤ 2× quiet, no errors), ${WAVE.stepSeconds} s per step with readers at ${WAVE.readers}/s, ended by ${why}: ${tried.join(', ') || 'no step run'}` });
}

/**
 * Before a step: wait (at most 60 s) until a lesson page answers within twice the quiet p99 again, so a step
 * is not charged with the backlog of the one before (an overloaded server keeps working on requests the
 * generator has already given up on).
 */
async function drained(url: string, lessonPath: string, cookie: Record<string, string>, quietP99: number): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const t = Date.now();
    const ok = await fetch(`${url}${lessonPath}`, { headers: cookie }).then((r) => r.text().then(() => r.ok), () => false);
    if (ok && Date.now() - t <= 2 * quietP99) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  log('wave: the server had not drained after 60 s; stepping on');
}

let openLoopCounter = 0;
async function openLoop(tmp: string, spec: OpenLoopSpec, pid: number, phase: string): Promise<OpenLoopResult> {
  const file = path.join(tmp, `open-loop-${++openLoopCounter}.json`);
  fs.writeFileSync(file, JSON.stringify(spec));
  const sampler = sampleRss(pid, phase);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(DIST, 'bench', 'open-loop.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`open-loop generator exited with ${code}`))));
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as OpenLoopResult;
    for (const s of result.streams) log(`${phase}: ${s.name} ${s.ok}/${s.sent} ok at ${s.rate}/s offered, p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms${s.pdf ? `, PDF ready p50 ${s.pdf.p50} ms p99 ${s.pdf.p99} ms` : ''}${streamErrors(s)}`);
    return result;
  } finally {
    sampler.stop();
  }
}

const streamErrors = (s: StreamResult) => (s.non2xx || s.errors ? `; ${s.non2xx} non-2xx, ${s.errors} errors of ${s.sent}` : '');

/** The per-course report API (authoring), else the older staff progress page. */
async function findReportPath(url: string, slug: string, auth: Record<string, string>): Promise<string | null> {
  const candidates = [`/api/v1/author/courses/${slug}/report`];
  for (const p of candidates) if ((await probe(`${url}${p}`, { headers: auth })) === 200) return p;
  const cookie = { cookie: `themis_session=${auth.authorization.replace('Bearer ', '')}` };
  const page = `/staff/courses/${slug}/progress`;
  return (await probe(`${url}${page}`, { headers: cookie })) === 200 ? page : null;
}

const errorsNote = (r: LoadResult, sep = '') => (r.non2xx || r.errors || r.timeouts ? `${sep}${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.total}` : '');

function printTable(): void {
  const rows = figures.map((f) => [f.name, f.skipped ? `skipped: ${f.skipped}` : `${fmt(f.value)} ${f.unit}`, f.baseline !== null ? `${fmt(f.baseline)} ${f.unit}` : '', f.ratio !== null ? String(f.ratio) : '', f.target ?? '']);
  const head = ['figure', 'value', 'bare baseline', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(['', line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line), ''].join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

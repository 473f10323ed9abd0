import * as fs from 'node:fs';

/**
 * The load generator, run as its own process (`node dist/bench/load.js spec.json`) so that it
 * never shares an event loop with the server or the orchestrator. It drives autocannon's API
 * (needed for per-request paths and for the two-step quiz cycle) and prints one JSON line.
 */
export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  /** Stop after this many requests instead (used for the one-shot figures). */
  amount?: number;
  kind: 'paths' | 'quiz-cycle';
  method?: 'GET' | 'POST';
  /** For `paths`: each request picks the next of these (round robin from a random start). */
  paths?: string[];
  /** Parallel to `paths` (or one for all): extra headers, e.g. the learner's cookie. */
  headers?: Record<string, string>[];
  body?: string;
  /** Parallel to `paths` instead of `body`: each request's own JSON body (e.g. a claim per learner). */
  bodies?: string[];
  /** Spread requests over this many client addresses (X-Forwarded-For, server run with TRUST_PROXY) as behind a load balancer. */
  clients?: number;
  /** For `quiz-cycle`: learners' tokens; each cycle takes the next learner. */
  tokens?: string[];
  courseSlug?: string;
  quizSlug?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<Record<string, any>>;

async function main(): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as LoadSpec;
  const base = { url: spec.url, connections: spec.connections, duration: spec.duration, amount: spec.amount, timeout: 30 };
  let next = Math.floor(Math.random() * 1e6);
  let requests: object[];
  if (spec.kind === 'paths') {
    const paths = spec.paths!;
    const headers = spec.headers ?? [{}];
    requests = [
      {
        method: spec.method ?? 'GET',
        ...(spec.body ? { body: spec.body } : {}),
        setupRequest: (req: Record<string, unknown>) => {
          const i = next++;
          const client = spec.clients ? { 'x-forwarded-for': `10.${(i % spec.clients) >> 16 & 255}.${((i % spec.clients) >> 8) & 255}.${(i % spec.clients) & 255}` } : {};
          const body = spec.bodies ? { body: spec.bodies[i % spec.bodies.length] } : {};
          return { ...req, ...body, path: paths[i % paths.length], headers: { ...(req.headers as object), ...headers[i % headers.length], ...client, ...(spec.body || spec.bodies ? { 'content-type': 'application/json' } : {}) } };
        },
      },
    ];
  } else {
    const tokens = spec.tokens!;
    requests = [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          context['token'] = tokens[next++ % tokens.length];
          return { ...req, path: `/api/v1/courses/${spec.courseSlug}/quizzes/${spec.quizSlug}/attempts`, headers: { authorization: `Bearer ${context['token']}` } };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          if (status >= 200 && status < 300) context['attempt'] = JSON.parse(body);
          else context['attempt'] = null;
        },
      },
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          const attempt = context['attempt'] as { attemptId: string; questions: { id: string; options: { id: string }[] }[] } | null;
          // Answer with each question's first option shown: some right, some wrong, like a learner.
          const answers = attempt ? attempt.questions.map((q) => ({ questionId: q.id, optionIds: [q.options[0].id] })) : [];
          return {
            ...req,
            path: `/api/v1/attempts/${attempt?.attemptId ?? '00000000-0000-4000-8000-000000000000'}/submission`,
            headers: { authorization: `Bearer ${context['token']}`, 'content-type': 'application/json' },
            body: JSON.stringify({ answers }),
          };
        },
      },
    ];
  }
  const r = await autocannon({ ...base, requests });
  const result: LoadResult = {
    requestsPerSecond: r.requests.average,
    latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, mean: r.latency.average, max: r.latency.max },
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    durationSeconds: r.duration,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

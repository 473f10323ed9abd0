import * as fs from 'node:fs';
import * as http from 'node:http';

/**
 * The open-loop load generator (`node dist/bench/open-loop.js spec.json`), its own process like
 * load.ts. autocannon is closed-loop: each connection waits for its answer before the next
 * request, so a slow server is sent less and the two settle where neither is saturated. Here
 * each stream starts its requests on a clock at a fixed rate whatever the answers do, and a
 * request's latency is counted from the moment it was due, not from when it was sent (so a
 * generator that falls behind shows up in the figures instead of hiding the delay).
 *
 * A stream with `followCertificate` reads `certificateCode` from each 2xx answer and polls
 * `GET /api/v1/certificates/:code/pdf` (same headers) until it answers 200: the time from the
 * completion being due to that first 200 is the PDF-ready time. It holds whether the PDF is
 * rendered inside the completing request (a 200 on the first poll) or by a background job
 * later (a 503 with Retry-After, or a wait, until the job has attached it).
 */
export interface OpenLoopStream {
  name: string;
  /** Requests started per second. */
  rate: number;
  /** Requests in all; the stream lasts count / rate seconds. */
  count: number;
  method?: 'GET' | 'POST';
  /** Request i goes to paths[i % paths.length] with headers[i % headers.length]. */
  paths: string[];
  headers?: Record<string, string>[];
  body?: string;
  followCertificate?: boolean;
}

export interface OpenLoopSpec {
  url: string;
  streams: OpenLoopStream[];
  /** Give up on a request (and count it as an error) after this long. */
  timeoutMs?: number;
  /** Give up waiting for a PDF after this long. */
  pdfTimeoutMs?: number;
}

export interface StreamResult {
  name: string;
  rate: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Achieved rate of 2xx answers over the stream's scheduled span. */
  okPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  /** Most the generator started a request after it was due (ms): large values mean the figure measures the generator. */
  maxStartLagMs: number;
  /** With followCertificate. */
  pdf?: { ready: number; notReady: number; p50: number; p99: number; max: number; polls: number; statuses: Record<string, number> };
  /** The first few non-2xx answers, to say what went wrong. */
  samples: string[];
}

export interface OpenLoopResult {
  streams: StreamResult[];
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const r1 = (n: number) => Math.round(n * 10) / 10;
const now = () => performance.now();

async function main(): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as OpenLoopSpec;
  // Enough sockets that a slow server never makes requests queue in the client (that would close the loop again).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const base = new URL(spec.url);
  const timeoutMs = spec.timeoutMs ?? 30_000;
  const pdfTimeoutMs = spec.pdfTimeoutMs ?? 60_000;

  const request = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ agent, host: base.hostname, port: base.port, method, path, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) }, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const runStream = async (s: OpenLoopStream, t0: number): Promise<StreamResult> => {
    const latencies: number[] = [];
    const pdfTimes: number[] = [];
    const pdfStatuses: Record<string, number> = {};
    let ok = 0, non2xx = 0, errors = 0, maxLag = 0, pdfNotReady = 0, polls = 0;
    const samples: string[] = [];
    const pending: Promise<void>[] = [];
    const headers = s.headers ?? [{}];

    const waitForPdf = async (due: number, code: string, h: Record<string, string>) => {
      let delay = 50;
      while (now() - due < pdfTimeoutMs) {
        polls++;
        const res = await request('GET', `/api/v1/certificates/${code}/pdf`, h).catch((e: Error) => ({ status: 0, body: e.message }));
        pdfStatuses[res.status] = (pdfStatuses[res.status] ?? 0) + 1;
        if (res.status === 200) return void pdfTimes.push(now() - due);
        await sleep(delay);
        delay = Math.min(1000, delay * 2);
      }
      pdfNotReady++;
    };

    const fire = async (i: number, due: number) => {
      const h = headers[i % headers.length];
      try {
        const res = await request(s.method ?? 'GET', s.paths[i % s.paths.length], h, s.body);
        latencies.push(now() - due);
        if (res.status >= 200 && res.status < 300) {
          ok++;
          if (s.followCertificate) {
            const code = (JSON.parse(res.body) as { certificateCode?: string | null }).certificateCode;
            if (code) await waitForPdf(due, code, h);
            else (pdfNotReady++, samples.length < 5 && samples.push(`${res.status} without certificateCode: ${res.body.slice(0, 200)}`));
          }
        } else {
          non2xx++;
          if (samples.length < 5) samples.push(`${res.status}: ${res.body.slice(0, 200)}`);
        }
      } catch (e) {
        errors++;
        if (samples.length < 5) samples.push(`error: ${(e as Error).message}`);
      }
    };

    // Every tick starts all requests that are due by now, so timer jitter delays requests but never drops them.
    const interval = 1000 / s.rate;
    let i = 0;
    while (i < s.count) {
      const t = now();
      while (i < s.count && t0 + i * interval <= t) {
        const due = t0 + i * interval;
        maxLag = Math.max(maxLag, t - due);
        pending.push(fire(i, due));
        i++;
      }
      if (i < s.count) await sleep(Math.max(0, t0 + i * interval - now()));
    }
    await Promise.all(pending);
    const sorted = latencies.sort((a, b) => a - b);
    const pdfSorted = pdfTimes.sort((a, b) => a - b);
    const span = (s.count / s.rate);
    return {
      name: s.name,
      rate: s.rate,
      sent: s.count,
      ok,
      non2xx,
      errors,
      okPerSecond: r1(ok / span),
      latency: { p50: r1(percentile(sorted, 50)), p90: r1(percentile(sorted, 90)), p99: r1(percentile(sorted, 99)), max: r1(sorted[sorted.length - 1] ?? NaN) },
      maxStartLagMs: r1(maxLag),
      ...(s.followCertificate ? { pdf: { ready: pdfTimes.length, notReady: pdfNotReady, p50: r1(percentile(pdfSorted, 50)), p99: r1(percentile(pdfSorted, 99)), max: r1(pdfSorted[pdfSorted.length - 1] ?? NaN), polls, statuses: pdfStatuses } } : {}),
      samples,
    };
  };

  const t0 = now() + 50;
  const streams = await Promise.all(spec.streams.map((s) => runStream(s, t0)));
  agent.destroy();
  process.stdout.write(JSON.stringify({ streams } satisfies OpenLoopResult) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

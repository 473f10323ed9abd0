import * as fs from 'node:fs';

/**
 * `node dist/bench/profile-summary.js FILE.cpuprofile [top]`: self time by function and by
 * package from a V8 CPU profile (as written by `npm run bench -- --cpu-prof DIR`).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const pkgOf = (url: string) => {
  if (!url) return '(native / idle / gc)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  const app = url.match(/dist\/((?:apps|libs)\/[^/]+)/);
  return app ? app[1] : url;
};

const fnTotals = new Map<string, number>();
const pkgTotals = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  fnTotals.set(key, (fnTotals.get(key) ?? 0) + t);
  const pkg = pkgOf(n.callFrame.url);
  pkgTotals.set(pkg, (pkgTotals.get(pkg) ?? 0) + t);
}
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (self time, ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
};
print('By package', pkgTotals);
print('By function', fnTotals);

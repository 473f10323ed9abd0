// Fails when `npm audit` reports a high or critical advisory in production dependencies.
// When the registry's audit endpoint cannot be reached (some mirrors refuse it), it says
// so and does not fail: an unanswered question is not a clean bill of health, so the
// message is loud, but it must not block CI on an outage it cannot fix.
const { spawnSync } = require('node:child_process');
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  console.warn('audit-check: WARNING: the npm audit endpoint did not answer; dependencies were NOT checked for advisories.');
  console.warn((run.stderr || run.stdout || '').split('\n').filter((l) => /error/i.test(l)).slice(0, 3).join('\n'));
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`audit-check: ${JSON.stringify(counts)}`);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') console.error(`  ${v.severity}: ${name} (${v.range})`);
  }
  console.error(`audit-check: ${serious} high or critical advisory(ies) in production dependencies`);
  process.exit(1);
}

/**
 * `npm run bench:truth` — issue 19's round-level proof: one first round (every check catalogue runs) of six timing
 * fixtures with known delays (bench/portals.ts) and sixteen catalogue-heavy vendor-style portals (the six styles'
 * passing and failing variants, test/fixtures/styles, and four passing ones again under other agencies), through
 * the runner's real round at the CLI's default concurrency, in real Chromium. Then the same round again while two
 * busy-loop processes compete for the CPU. For each round it reports:
 * - every timing value against its truth window (TTFB +150 ms, LCP and form readiness +400 ms);
 * - every check verdict against the variant's expected one (a passing portal passes every check, a failing one
 *   fails every check): wrong pass/fail verdicts and the share of `unknown`, with reasons;
 * - `up` rows without FCP or LCP (there must be none).
 * The portals' certificates come from a test CA; the round runs in a child process that trusts it
 * (NODE_EXTRA_CA_CERTS), as a portal with a real certificate is trusted by the monitor.
 * Env: BENCH_TRUTH_CONCURRENCY (default: the CLI's, 4), BENCH_TRUTH_BUSY (busy loops in the second round, 2).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCerts } from '../test/fixtures/portals/certs.js';

const dir = mkdtempSync(join(tmpdir(), 'dvcwatch-truth-'));
const certs = makeTestCerts();
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, certs.ca);
const certsFile = join(dir, 'certs.json');
writeFileSync(
  certsFile,
  JSON.stringify({ ca: certs.ca, trusted: certs.leaf(365), nearExpiry: certs.leaf(10), selfSigned: certs.selfSigned }),
);
const child = spawn(process.execPath, [...process.execArgv, join(import.meta.dirname, 'round-truth-run.ts')], {
  stdio: 'inherit',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, BENCH_TRUTH_CERTS: certsFile },
});
const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 1)));
certs.cleanup();
rmSync(dir, { recursive: true, force: true });
process.exit(code);

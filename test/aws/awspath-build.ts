import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BuildRun, runSstBuild } from '../../.ci/sst-build-standin.js';
import { REGISTRY_BUCKET, REGISTRY_KEY } from './local-cloud.js';

const root = resolve(import.meta.dirname, '../..');

/** The mail function's send rate in the built app (production: the SES account's, 1 in the sandbox): 1,000 drain in seconds. */
export const SEND_RATE = 200;

let build: Promise<BuildRun> | null = null;

/**
 * The one `sst build` of the aws project (stage `awspath`): the bundles the hourly path runs (hourly-path.test.ts)
 * and the bundles whose contents built-bundles.test.ts asserts, built once for both (about 50 s on 2 cores). The
 * aws project keeps its modules from file to file (vitest.config.ts), so the second file reuses the first one's
 * build; the cloud assembly is removed when the test process exits.
 */
export function awsPathBuild(): Promise<BuildRun> {
  build ??= runSstBuild(root, 'awspath', {
    DVCWATCH_REGISTRY_URI: `s3://${REGISTRY_BUCKET}/${REGISTRY_KEY}`,
    DVCWATCH_OPERATORS: 'vanhanh.aws@example.vn',
    // Two cores shared by the whole suite: two probe environments at once (the setting's least, 2–1000).
    DVCWATCH_PROBE_MAX_CONCURRENCY: '2',
    // The probe waits 2 s for the agent after a `down` (production: 90 s), so the late agent misses it.
    DVCWATCH_VANTAGE_WAIT_SECONDS: '2',
    DVCWATCH_SES_SEND_RATE: String(SEND_RATE),
  }).then((run) => {
    process.once('exit', () => rmSync(run.outDir, { recursive: true, force: true }));
    return run;
  });
  return build;
}

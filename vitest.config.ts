import { defineConfig } from 'vitest/config';

// Tests never reach AWS: dummy credentials, no instance metadata, local endpoints only.
const env = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'ap-southeast-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  // The SDK's ten-line Node-version notice, off as `dvcwatch` turns it off (packages/cli/bin/dvcwatch.js).
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export default defineConfig({
  test: {
    env,
    projects: [
      {
        extends: true,
        // Unit tests, and each check's own tests in its folder (packages/core/src/checks/<id>/*.test.ts).
        // Group 0 (with the stack tests): CPU work only, finished before any real Chromium starts.
        // Modules shared between a worker's files (isolate: false): 45 files' imports cost 30 s isolated, 5 s shared.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'packages/*/src/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Chromium, dynalite and the SES emulator are real processes: run files one at a time on 2 cores, and
          // only after the unit and stack tests (group 0: esbuild, CDK synth) have left the cores, so that the
          // pages these tests time and the checks they judge never share the CPU with the rest of the suite.
          fileParallelism: false,
          // Modules shared between files (each file's ~3 s of imports paid once): the SES emulator's module-level
          // store starts empty whenever an emulator starts with no other running (cli/embedded.ts `startSes`).
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        // Shared modules too (aws-cdk-lib and SST imported once per worker); each file still synthesizes its own app.
        test: {
          name: 'stacks',
          include: ['test/stacks/**/*.test.ts'],
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // `npm run test:aws`: the built bundles on a local cloud (test/aws/hourly-path.test.ts); part of `vitest run`.
        // Runs after the other projects: its `sst build` must not share `.sst/` with the harness test in test/stacks, and its
        // Chromium jobs must not share two cores with the integration tests' (its queue timeouts are scaled).
        // Its two files share one `sst build` (test/aws/awspath-build.ts): one worker, modules kept between them.
        test: {
          name: 'aws',
          include: ['test/aws/**/*.test.ts'],
          fileParallelism: false,
          isolate: false,
          testTimeout: 420_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});

/**
 * What `sst build` makes of the app, offline: every stack built, AWS asked only for its identity and the bootstrap
 * stacks, every handler bundled for nodejs22.x, the browser only where it is needed. Asserted on the aws project's
 * one build (awspath-build.ts), which hourly-path.test.ts then runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildRun } from '../../.ci/sst-build-standin.js';
import { awsPathBuild } from './awspath-build.js';

const HANDLERS = [
  'dispatch',
  'probe',
  'finalize',
  'ses-events',
  'digest',
  'watchdog',
  'lab/handler',
  'index-766',
  'edition',
  'mail',
];
/** Handlers that install a browser into their bundle: the hourly probe and the ministry profile (Lighthouse). */
const BROWSER_HANDLERS = ['functions/probe.handler', 'functions/lab/handler.handler'];

interface LambdaProps {
  readonly Handler?: string;
  readonly Runtime?: string;
  readonly Code?: { S3Key?: string };
}
type Template = { Resources: Record<string, { Type: string; Properties?: LambdaProps }> };
const templatesIn = (dir: string): Template[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Template);

/** The folder holding a function's bundle in the cloud assembly (its S3 key is `<hash>.zip`). */
const assetOf = (outDir: string, props: LambdaProps | undefined): string =>
  join(outDir, `asset.${String(props?.Code?.S3Key).replace(/\.zip$/, '')}`);

// `sst build` bundles every function with esbuild and installs the probe's Chromium packages: minutes at worst.
describe('sst build (offline, AWS calls answered by .ci/sst-build-standin.ts)', { timeout: 240_000 }, () => {
  let run: BuildRun;
  beforeAll(async () => {
    run = await awsPathBuild();
  }, 300_000);

  it('builds all eight stacks, asking AWS only for its identity and the bootstrap stacks', () => {
    expect(run.status, run.output.slice(-3000)).toBe(0);
    expect(run.output).toContain('Built: 8 stacks');
    expect(run.calls.map((c) => `${c.action} ${c.stackName ?? ''}`.trim()).sort()).toEqual([
      'DescribeStacks CDKToolkit',
      'DescribeStacks SSTBootstrap',
      'GetCallerIdentity',
    ]);
  });

  it('bundles every app handler for nodejs22.x', () => {
    const functions = templatesIn(run.outDir).flatMap((t) =>
      Object.values(t.Resources).filter((r) => r.Type === 'AWS::Lambda::Function'),
    );
    const handlers = functions.map((f) => f.Properties?.Handler ?? '').filter((h) => h.startsWith('functions/'));

    expect(handlers.sort()).toEqual(HANDLERS.map((h) => `functions/${h}.handler`).sort());
    for (const fn of functions) expect(fn.Properties?.Runtime).toBe('nodejs22.x');
  });

  it('keeps the browser and Lighthouse out of every bundle but the probe and the lab function', () => {
    const functions = templatesIn(run.outDir).flatMap((t) =>
      Object.values(t.Resources).filter((r) => r.Properties?.Handler?.startsWith('functions/')),
    );
    const others = functions.filter((f) => !BROWSER_HANDLERS.includes(f.Properties?.Handler ?? ''));

    expect(others).toHaveLength(HANDLERS.length - BROWSER_HANDLERS.length);
    for (const fn of others) {
      const file = join(assetOf(run.outDir, fn.Properties), `${fn.Properties?.Handler?.replace(/\.handler$/, '')}.mjs`);
      const code = readFileSync(file, 'utf8');
      expect({ file, browser: /from\s*["'](playwright-core|@sparticuz\/chromium|lighthouse)["']/.test(code) }).toEqual({
        file,
        browser: false,
      });
    }
  });

  it('ships the probe with Chromium and Playwright installed, and no registry of its own when it reads it from S3', () => {
    const monitor = templatesIn(run.outDir).find((t) =>
      Object.values(t.Resources).some((r) => r.Properties?.Handler === 'functions/probe.handler'),
    );
    const probe = Object.values(monitor?.Resources ?? {}).find((r) => r.Properties?.Handler === 'functions/probe.handler');
    const asset = assetOf(run.outDir, probe?.Properties);

    expect(existsSync(join(asset, 'node_modules/@sparticuz/chromium/package.json'))).toBe(true);
    expect(existsSync(join(asset, 'node_modules/playwright-core/package.json'))).toBe(true);
    // This build reads the registry from S3 (DVCWATCH_REGISTRY_URI, as hourly-path.test.ts runs it): no stale copy
    // rides in the bundle. Without the setting, stacks/settings.ts's BUNDLED_REGISTRY is copied in (copyFiles).
    expect(existsSync(join(asset, 'registry/vietnam.yaml'))).toBe(false);
  });

  it('ships the lab function with Chromium and Lighthouse 12.8.2 installed, its floating dependencies pinned', () => {
    const lab = templatesIn(run.outDir)
      .flatMap((t) => Object.values(t.Resources))
      .find((r) => r.Properties?.Handler === 'functions/lab/handler.handler');
    const asset = assetOf(run.outDir, lab?.Properties);
    const version = (p: string) => JSON.parse(readFileSync(join(asset, 'node_modules', p, 'package.json'), 'utf8')).version;

    expect(existsSync(join(asset, 'node_modules/@sparticuz/chromium/package.json'))).toBe(true);
    expect(version('lighthouse')).toBe('12.8.2');
    expect(version('third-party-web')).toBe('0.27.0');
  });
});

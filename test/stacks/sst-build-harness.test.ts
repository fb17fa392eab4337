import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSstBuild } from '../../.ci/sst-build-standin.js';

// The app's own build is asserted in test/aws/built-bundles.test.ts, on the build the hourly path runs.
const root = resolve(import.meta.dirname, '../..');

describe('the sst build harness', { timeout: 120_000 }, () => {
  it('fails when a stack fails to synthesize', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'dvcwatch-broken-app-'));
    await mkdir(join(broken, 'stacks'));
    await symlink(join(root, 'node_modules'), join(broken, 'node_modules'), 'dir');
    await writeFile(join(broken, 'package.json'), JSON.stringify({ name: 'broken', type: 'module', private: true }));
    await writeFile(
      join(broken, 'sst.config.ts'),
      `export default {
        config() { return { name: 'broken', region: 'ap-southeast-1' }; },
        stacks(app) { app.stack(function Broken() { throw new Error('deliberately broken stack'); }); },
      };`,
    );

    const result = await runSstBuild(broken, 'ci');
    await result.cleanup();
    await rm(broken, { recursive: true, force: true });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('deliberately broken stack');
  });
});

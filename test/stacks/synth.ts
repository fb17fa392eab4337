import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { App } from 'sst/constructs';
import type { FunctionalStack } from 'sst/constructs/FunctionalStack.js';
import { setProject } from 'sst/project.js';
import sstConfig from '../../sst.config.js';

const root = resolve(import.meta.dirname, '../..');

/** A synthesized app and a way to get each stack's CloudFormation template. */
export interface Synthesized {
  readonly app: App;
  // biome-ignore lint/suspicious/noExplicitAny: SST types every stack as FunctionalStack<any>.
  readonly template: (stack: FunctionalStack<any>) => Template;
}

/**
 * Synthesizes the real `sst.config.ts` offline, like SST's documented stack-test recipe
 * (`initProject` + `new App({ mode: 'deploy' })`), but with the project's `.sst` output in a temporary
 * folder: `new App()` wipes `<out>/types`, so test files running in parallel must not share it.
 * Functions are not bundled here (that needs `app.finish()`); test/aws/built-bundles.test.ts covers bundling.
 */
export const synth = async (stage = 'test'): Promise<Synthesized> => {
  // As `initProject` does: CDK deprecation notices (logRetention) would drown the test output.
  process.env.JSII_DEPRECATED = 'quiet';
  const config = await sstConfig.config();
  const out = await mkdtemp(join(tmpdir(), 'dvcwatch-stacks-'));
  setProject({
    version: '2.49.8',
    cdkVersion: '2.224.0',
    constructsVersion: '10.3.0',
    config: { ...config, stage, ssmPrefix: `/sst/${config.name}/${stage}/` },
    paths: { root, config: join(root, 'sst.config.ts'), out, artifacts: join(out, 'artifacts') },
    metafile: { inputs: {}, outputs: {} },
    stacks: sstConfig.stacks,
  });
  const app = new App({ mode: 'deploy', stage, name: config.name, region: config.region, account: '123456789012' });
  await sstConfig.stacks(app);
  // Construction writes there (generated binding types) and SST's logger keeps appending to its debug.log
  // afterwards, so the folder goes when the test worker exits, not now; templates are synthesized in memory.
  process.once('exit', () => rmSync(out, { recursive: true, force: true }));
  const templates = new Map<unknown, Template>();
  return {
    app,
    template: (stack) => {
      const cached = templates.get(stack);
      if (cached) return cached;
      // SST's getStack() reads a module-global "current app"; look the stack up in this app instead
      // (SST names a functional stack `<stage>-<app>-<function name>`).
      const made = Template.fromStack(app.node.findChild(app.logicalPrefixedName(stack.name)) as Stack);
      templates.set(stack, made);
      return made;
    },
  };
};

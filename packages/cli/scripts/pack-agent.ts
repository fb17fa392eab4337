// `npm run pack:agent`: the confirming vantage as one npm package an operator installs on a Linux VM in Vietnam
// (`npm install -g dvcwatch-agent-<version>.tgz`), with no checkout, no TypeScript and no build step.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { NODE_REQUIRED } from '../src/node-support.js';

const root = resolve(import.meta.dirname, '../../..');

/**
 * Installed beside the bundle, not bundled: Playwright's driver and @sparticuz/chromium's compressed Chromium are
 * files read at run time, as in the probe's Lambda bundle (sst.config.ts). Their versions are the repository's.
 */
export const AGENT_DEPENDENCIES = ['playwright-core', '@sparticuz/chromium'] as const;
export const AGENT_BIN = 'dvcwatch-agent.mjs';

const installedVersion = (pkg: string): string =>
  (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

const README = `# dvcwatch-agent

dvcwatch's confirming vantage: a machine in Vietnam that looks again at a portal the hourly probe (on AWS, outside
Vietnam) saw down, so that a portal blocking foreign networks is \`blocked\` (\`geo\`), not \`down\`.

Requirements: Linux x64, Node ${NODE_REQUIRED}, Chromium's system libraries (Debian/Ubuntu: \`libnss3 libatk1.0-0
libatk-bridge2.0-0 libcups2 libdrm2 libxkbcommon0 libxcomposite1 libxdamage1 libxrandr2 libgbm1 libpango-1.0-0
libasound2\`), about 1 GB of memory per job at once, outbound HTTPS to AWS (SQS, DynamoDB) and to the portals.

    npm install -g ./dvcwatch-agent-<version>.tgz
    AWS_REGION=ap-southeast-1 DVCWATCH_TABLE=<TableName> dvcwatch-agent --vantage viet-nam --queue-url <AgentQueueUrl> --jobs 2

The deployment steps (the registry's \`vantages\`, credentials, a systemd unit, checking it is alive) are in the
repository's docs/deploy.md.
`;

/** Bundles the agent, writes its package.json and README, and packs it into `outDir`; returns the tarball's path. */
export async function packAgent(outDir = join(root, 'dist')): Promise<{ tarball: string; folder: string }> {
  const folder = join(outDir, 'dvcwatch-agent');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  await build({
    entryPoints: [join(root, 'packages/cli/src/agent-bin.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: join(folder, AGENT_BIN),
    external: [...AGENT_DEPENDENCIES],
    // CommonJS dependencies inside an ES module bundle call `require` for Node's own modules.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const pkg = {
    name: 'dvcwatch-agent',
    version,
    description: "dvcwatch's confirming vantage: looks again from Vietnam at a portal the hourly probe saw down",
    type: 'module',
    bin: { 'dvcwatch-agent': AGENT_BIN },
    files: [AGENT_BIN, 'README.md'],
    engines: { node: NODE_REQUIRED },
    os: ['linux'],
    cpu: ['x64'],
    dependencies: Object.fromEntries(AGENT_DEPENDENCIES.map((p) => [p, installedVersion(p)])),
  };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(folder, 'README.md'), README);
  const out = execFileSync('npm', ['pack', '--pack-destination', outDir, '--json'], { cwd: folder, encoding: 'utf8' });
  const [packed] = JSON.parse(out) as { filename: string }[];
  if (!packed) throw new Error(`npm pack in ${folder} printed no package`);
  return { tarball: join(outDir, packed.filename), folder };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { tarball } = await packAgent();
  process.stdout.write(`${tarball}\n`);
}

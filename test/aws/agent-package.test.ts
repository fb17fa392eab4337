import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEMO_PORTALS, type DemoPortals, demoRegistryYaml, type Embedded, startDemoPortals, startDynalite } from '@dvcwatch/cli';
import type { VantageJob } from '@dvcwatch/runner';
import { ensureTable, VantageObservations } from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_BIN, AGENT_DEPENDENCIES, packAgent } from '../../packages/cli/scripts/pack-agent.js';
import { type SqsServer, startSqsServer } from './sqs-server.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const TABLE = 'dvcwatch-agent-package';
const QUEUE = 'AgentQueue';

// The packaged agent (`npm run pack:agent`), installed as an operator installs it: the tarball unpacked with its
// two dependencies beside it (linked from this repository, as `npm install` would place them; no registry here),
// run with plain `node` (no tsx, no checkout) against a local SQS queue and DynamoDB table.
let work: string;
let demo: DemoPortals;
let dynamo: Embedded;
let sqs: SqsServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dvcwatch-agent-package-'));
  [demo, dynamo, sqs] = await Promise.all([
    startDemoPortals({ basePort: 0, portals: DEMO_PORTALS.filter((p) => ['loi', 'chan-nuoc-ngoai'].includes(p.id)) }),
    startDynalite(null),
    startSqsServer([{ name: QUEUE, visibilityTimeoutSeconds: 300 }]),
  ]);
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE);
  client.destroy();
}, 120_000);

afterAll(async () => {
  await Promise.all([demo?.close(), dynamo?.close(), sqs?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packaged agent (npm run pack:agent)', { timeout: 180_000 }, () => {
  it('is one bundle with pinned dependencies, and answers two jobs from its vantage with plain node', async () => {
    const { tarball } = await packAgent(join(work, 'dist'));
    const installed = join(work, 'installed');
    mkdirSync(installed);
    await run('tar', ['xzf', tarball, '-C', installed]);
    const pkgDir = join(installed, 'package');
    const { stdout: listing } = await run('tar', ['tzf', tarball]);
    expect(listing.trim().split('\n').sort()).toEqual(['package/README.md', `package/${AGENT_BIN}`, 'package/package.json']);
    const pkg = (await import(join(pkgDir, 'package.json'), { with: { type: 'json' } })).default as {
      bin: Record<string, string>;
      dependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.bin).toEqual({ 'dvcwatch-agent': AGENT_BIN });
    expect(Object.keys(pkg.dependencies)).toEqual([...AGENT_DEPENDENCIES]);
    for (const v of Object.values(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    for (const dep of AGENT_DEPENDENCIES) {
      mkdirSync(dirname(join(pkgDir, 'node_modules', dep)), { recursive: true });
      symlinkSync(join(root, 'node_modules', dep), join(pkgDir, 'node_modules', dep));
    }

    const registryFile = join(work, 'registry.yaml');
    writeFileSync(registryFile, demoRegistryYaml(demo.portals, demo.nationalOrigin));
    const now = Date.now();
    const at = new Date(Math.floor(now / 3_600_000) * 3_600_000).toISOString();
    const deadline = new Date(now + 30 * 60_000).toISOString();
    const client = new SQSClient({ endpoint: sqs.endpoint, region: 'ap-southeast-1' });
    for (const p of demo.portals)
      await client.send(
        new SendMessageCommand({
          QueueUrl: sqs.url(QUEUE),
          // The job as the probe sends it (runner/vantages.ts), its deadline half an hour away.
          MessageBody: JSON.stringify({
            agencyId: p.id,
            at,
            vantageId: 'viet-nam',
            home: p.home,
            nationalHosts: [],
            deadline,
          } satisfies VantageJob),
        }),
      );
    client.destroy();

    // Run as systemd runs it: until stopped with SIGTERM, which lets the jobs in hand finish.
    const agent = spawn(
      process.execPath,
      [
        join(pkgDir, AGENT_BIN),
        '--vantage',
        'viet-nam',
        '--queue-url',
        sqs.url(QUEUE),
        '--registry',
        registryFile,
        '--jobs',
        '2',
      ],
      {
        cwd: work,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: work,
          AWS_REGION: 'ap-southeast-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ENDPOINT_URL_SQS: sqs.endpoint,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          DVCWATCH_TABLE: TABLE,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    agent.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const exited = new Promise<number | null>((r) => agent.once('exit', (code) => r(code)));
    const observations = new VantageObservations(new DynamoDBClient({ endpoint: dynamo.endpoint }), TABLE);
    const seen = async () => Promise.all(demo.portals.map((p) => observations.get(p.id, at, 'viet-nam')));
    for (let i = 0; i < 240 && (await seen()).some((o) => o === null); i++) await sleep(250);
    agent.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('dừng sau 2 việc');
    // From 127.0.0.2 the portal refusing 127.0.0.1 answers; the 503 portal is down from here too.
    expect((await observations.get('chan-nuoc-ngoai', at, 'viet-nam'))?.seen.status).toBe('up');
    expect((await observations.get('loi', at, 'viet-nam'))?.seen.status).toBe('down');
    expect(sqs.messages(QUEUE)).toEqual([]);
  });
});

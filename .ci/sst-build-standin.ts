/**
 * Runs `sst build` offline: a stand-in for the few AWS calls it makes, on 127.0.0.1.
 *
 * `sst build` synthesizes and bundles everything locally, but first asks AWS who it is (STS
 * GetCallerIdentity, for the account in the templates) and whether the CDK and SST bootstrap stacks
 * exist (CloudFormation DescribeStacks on `CDKToolkit` and `SSTBootstrap`). AWS SDK v3 sends every
 * client to `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_<SERVICE>`) when set, so pointing those here with
 * dummy credentials keeps the build off the network. Any other call is answered with an error and
 * recorded, so a new call in a future SST version shows up instead of silently reaching AWS.
 *
 * Usage: `npx tsx .ci/sst-build-standin.ts [stage]` — exits with sst's status.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ACCOUNT = '123456789012';

// Versions sst 2.49.8 accepts as "ready" (sst/bootstrap.js): CDK bootstrap ≥ 14, SST bootstrap 7.4.
const STACKS: Record<string, Record<string, string>> = {
  CDKToolkit: { BootstrapVersion: '30', BucketName: `cdk-hnb659fds-assets-${ACCOUNT}-ap-southeast-1` },
  SSTBootstrap: { Version: '7.4', BucketName: `sstbootstrap-apsoutheast1-${ACCOUNT}` },
};

/** One call the stand-in received. */
export interface Call {
  readonly action: string;
  readonly stackName?: string;
  readonly answered: boolean;
}

const xml = (action: string, body: string, ns: string) =>
  `<${action}Response xmlns="${ns}"><${action}Result>${body}</${action}Result>` +
  `<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></${action}Response>`;

const describeStack = (name: string, outputs: Record<string, string>) =>
  `<Stacks><member><StackName>${name}</StackName>` +
  `<StackId>arn:aws:cloudformation:ap-southeast-1:${ACCOUNT}:stack/${name}/00000000</StackId>` +
  '<StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2025-01-01T00:00:00Z</CreationTime><Outputs>' +
  Object.entries(outputs)
    .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
    .join('') +
  '</Outputs></member></Stacks>';

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Starts the stand-in on 127.0.0.1 (a free port); `calls` lists what it was asked. */
export const startStandin = async () => {
  const calls: Call[] = [];
  const server = createServer(async (req, res) => {
    const params = new URLSearchParams(await readBody(req));
    const action = params.get('Action') ?? `${req.method} ${req.url} ${req.headers['x-amz-target'] ?? ''}`.trim();
    const stackName = params.get('StackName') ?? undefined;
    const reply = (status: number, body: string) => {
      calls.push({ action, stackName, answered: status === 200 });
      res.writeHead(status, { 'content-type': 'text/xml' }).end(body);
    };
    if (action === 'GetCallerIdentity') {
      return reply(
        200,
        xml(
          action,
          `<Arn>arn:aws:iam::${ACCOUNT}:user/ci</Arn><UserId>AIDACI</UserId><Account>${ACCOUNT}</Account>`,
          'https://sts.amazonaws.com/doc/2011-06-15/',
        ),
      );
    }
    const outputs = stackName ? STACKS[stackName] : undefined;
    if (action === 'DescribeStacks' && stackName && outputs) {
      return reply(200, xml(action, describeStack(stackName, outputs), 'http://cloudformation.amazonaws.com/doc/2010-05-15/'));
    }
    reply(
      400,
      `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>sst-build-standin does not answer ${action}</Message></Error></ErrorResponse>`,
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
};

/** What one `sst build` run did. */
export interface BuildRun {
  readonly status: number;
  readonly output: string;
  readonly calls: readonly Call[];
  /** The cloud assembly folder (templates); removed by `cleanup`. */
  readonly outDir: string;
  readonly cleanup: () => Promise<void>;
}

/** Runs `sst build --stage <stage>` in `root` against the stand-in, with dummy credentials and `settings` (DVCWATCH_*). */
export const runSstBuild = async (root: string, stage = 'ci', settings: Record<string, string> = {}): Promise<BuildRun> => {
  const standin = await startStandin();
  const outDir = await mkdtemp(join(tmpdir(), 'dvcwatch-sst-build-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...settings,
    AWS_ACCESS_KEY_ID: 'AKIASTANDIN',
    AWS_SECRET_ACCESS_KEY: 'standin',
    AWS_REGION: 'ap-southeast-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // The generic variable catches every client; the specific ones document what sst build calls.
    AWS_ENDPOINT_URL: standin.url,
    AWS_ENDPOINT_URL_STS: standin.url,
    AWS_ENDPOINT_URL_CLOUDFORMATION: standin.url,
    AWS_ENDPOINT_URL_SSM: standin.url,
    AWS_ENDPOINT_URL_S3: standin.url,
    SST_TELEMETRY_DISABLED: '1',
    // `nodejs.install` runs `npm install` in the probe bundle: take packages from npm's cache when present.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  // Under vitest NODE_ENV is `test`, which makes SST skip the bootstrap lookup; build as CI would.
  delete env.NODE_ENV;
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  const sst = resolve(root, 'node_modules/sst/cli/sst.js');
  let output = '';
  const status = await new Promise<number>((done, fail) => {
    const child = spawn(process.execPath, [sst, 'build', '--stage', stage, '--to', outDir], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
  await standin.close();
  return { status, output, calls: standin.calls, outDir, cleanup: () => rm(outDir, { recursive: true, force: true }) };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const run = await runSstBuild(resolve(import.meta.dirname, '..'), process.argv[2] ?? 'ci');
  process.stdout.write(run.output);
  for (const call of run.calls)
    console.log(`stand-in: ${call.action} ${call.stackName ?? ''} ${call.answered ? 'ok' : 'REFUSED'}`);
  await run.cleanup();
  process.exit(run.status);
}

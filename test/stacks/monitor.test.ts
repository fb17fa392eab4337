import {
  agencyWorstCaseMs,
  DEFAULT_PROBE,
  PROBE_AGENCIES_PER_INVOCATION,
  PROBE_MEMORY_MB,
  PROBE_TIMED_OVERLAP,
  ROUND_DEADLINE_MINUTES,
  VANTAGE_WAIT_MS,
} from '@dvcwatch/core';
import type { Template } from 'aws-cdk-lib/assertions';
import { type FunctionProps, Function as SstFunction } from 'sst/constructs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAIL_BATCH_SIZE, MAIL_MAX_RECEIVES, MAIL_TIMEOUT_SECONDS } from '../../stacks/Mail.js';
import { Monitor, PROBE_MAX_RECEIVES, PROBE_TIMEOUT_SECONDS, SCHEDULES } from '../../stacks/Monitor.js';
import { type Synthesized, synth } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (t: Template, type: string): Resource[] => Object.values(t.findResources(type)) as Resource[];
const lambdaOf = (t: Template, description: string): Resource => {
  const found = resources(t, 'AWS::Lambda::Function').find((r) => r.Properties.Description === description);
  if (!found) throw new Error(`no function described as "${description}"`);
  return found;
};

// SST keeps the merged props (app defaults + function props) in a private field; read it for the check.
const propsOf = (fn: SstFunction): FunctionProps => (fn as unknown as { props: FunctionProps }).props;

const REQUIRED_ENV = [
  'DVCWATCH_TABLE',
  'DVCWATCH_QUEUE_URL',
  'DVCWATCH_EVIDENCE_BUCKET',
  'DVCWATCH_SITE_BUCKET',
  'DVCWATCH_DISTRIBUTION_ID',
  'DVCWATCH_SENDER',
  'DVCWATCH_OPERATORS',
  'DVCWATCH_REGISTRY',
  'DVCWATCH_RETENTION_DAYS',
];

describe('Monitor stack', () => {
  let synthesized: Synthesized;
  let monitor: Template;
  beforeAll(async () => {
    vi.stubEnv('DVCWATCH_PROBE_MAX_CONCURRENCY', '7');
    vi.stubEnv('DVCWATCH_SENDER_DOMAIN', 'canhbao.example.vn');
    synthesized = await synth();
    monitor = synthesized.template(Monitor);
  });
  afterAll(() => vi.unstubAllEnvs());

  it('starts rounds at the top of the hour, finalizes at the deadline after it, digests Monday 08:00 ICT, watches every 30 min', () => {
    const schedules = resources(monitor, 'AWS::Events::Rule').map((r) => r.Properties.ScheduleExpression);

    expect(schedules.sort()).toEqual(['cron(0 * * * ? *)', 'cron(0 1 ? * MON *)', 'cron(50 * * * ? *)', 'rate(30 minutes)']);
    // Rounds are keyed by the hour: a round rule at minute 0, and the deadline an offset from it within the hour.
    const minute = (cron: string) => Number(/^cron\((\d+) /.exec(cron)?.[1]);
    expect(SCHEDULES.round).toBe('cron(0 * * * ? *)');
    expect(minute(SCHEDULES.finalize) - minute(SCHEDULES.round)).toBe(ROUND_DEADLINE_MINUTES);
    expect(ROUND_DEADLINE_MINUTES).toBeLessThan(60);
  });

  it('feeds the probe several agencies per invocation, with partial batch failures and the configured maximum concurrency', () => {
    const mappings = resources(monitor, 'AWS::Lambda::EventSourceMapping');
    const probeId = Object.keys(monitor.findResources('AWS::Lambda::Function')).find((id) => id.startsWith('Probe'));
    const [mapping, ...others] = mappings.filter((m) => JSON.stringify(m.Properties.FunctionName).includes(`"${probeId}"`));
    const probe = lambdaOf(monitor, 'Measures one agency portal with headless Chromium');
    const vars = (probe.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(others).toHaveLength(0);
    expect(PROBE_AGENCIES_PER_INVOCATION).toBeGreaterThan(1);
    expect(mapping?.Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 7 },
      BatchSize: PROBE_AGENCIES_PER_INVOCATION,
    });
    // The invocation's pool runs the whole batch at once: the timeout below still covers one agency's worst case.
    expect(vars.DVCWATCH_PROBE_CONCURRENCY).toBe(String(PROBE_AGENCIES_PER_INVOCATION));
    // Timed loads one at a time (measured: overlapping them did not pay), and further jobs taken as places free up.
    expect(vars.DVCWATCH_TIMED_OVERLAP).toBe(String(PROBE_TIMED_OVERLAP));
    expect(vars.DVCWATCH_PROBE_TAKE_MORE).toBe('true');
  });

  it("gives the probe a timeout covering one agency's worst case, and hides a job for at least 6× that timeout", () => {
    const probe = lambdaOf(monitor, 'Measures one agency portal with headless Chromium');
    const main = resources(monitor, 'AWS::SQS::Queue').find((q) => q.Properties.RedrivePolicy);
    const timeout = probe.Properties.Timeout as number;
    const visibility = main?.Properties.VisibilityTimeout as number;

    // Two pages × three attempts at 20 s, the confirmation delays, the catalogue, closes and recording: 336 s.
    expect(agencyWorstCaseMs(DEFAULT_PROBE)).toBe(336_000);
    expect(timeout * 1000).toBeGreaterThanOrEqual(agencyWorstCaseMs(DEFAULT_PROBE));
    // …plus the wait for the agent vantages after a `down`, its own term, plus the 300 s in which an invocation takes
    // further jobs from the queue (issue 21): 336 + 90 + 300 s, rounded up to 750 s.
    expect(timeout * 1000).toBeGreaterThanOrEqual(agencyWorstCaseMs(DEFAULT_PROBE) + VANTAGE_WAIT_MS);
    expect(timeout).toBe(750);
    expect(timeout).toBe(PROBE_TIMEOUT_SECONDS);
    expect(timeout).toBeLessThanOrEqual(900);
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
    expect(main?.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: PROBE_MAX_RECEIVES });
    // A job that crashes on every receive waits the whole visibility each time: it must reach the DLQ before it expires.
    expect(main?.Properties.MessageRetentionPeriod).toBeGreaterThan(PROBE_MAX_RECEIVES * visibility);
  });

  it('gives the probe one whole vCPU (1,769 MB, no more) on x86_64, and disk for the unpacked Chromium', () => {
    const probe = lambdaOf(monitor, 'Measures one agency portal with headless Chromium');

    // Below 1,769 MB Lambda throttles the environment to a fraction of a core, which bends every timed load.
    expect(PROBE_MEMORY_MB).toBe(1769);
    expect(probe.Properties.MemorySize).toBe(PROBE_MEMORY_MB);
    expect(probe.Properties.Architectures).toEqual(['x86_64']);
    expect(probe.Properties.EphemeralStorage).toMatchObject({ Size: expect.any(Number) });
    expect((probe.Properties.EphemeralStorage as { Size: number }).Size).toBeGreaterThanOrEqual(1024);
  });

  it('configures every app function for nodejs22.x and installs Chromium and Playwright into the probe', () => {
    // Before bundling, SST puts a placeholder runtime in the template, so check the construct props here;
    // test/aws/built-bundles.test.ts checks the runtime in the built templates.
    const functions = synthesized.app.node.findAll().filter((c): c is SstFunction => c instanceof SstFunction);
    const probe = functions.find((f) => f.id === 'Probe');

    expect(functions.map((f) => f.id).sort()).toEqual([
      'Digest',
      'Dispatch',
      'Finalize',
      'Index766Import',
      'LabRunner',
      'Mail',
      'MonthlyEdition',
      'Probe',
      'SesEventsFn',
      'Watchdog',
    ]);
    for (const fn of functions) expect({ id: fn.id, runtime: propsOf(fn).runtime }).toEqual({ id: fn.id, runtime: 'nodejs22.x' });
    expect(probe && propsOf(probe).nodejs?.install).toEqual(expect.arrayContaining(['@sparticuz/chromium', 'playwright-core']));
  });

  it('gives every round function the DVCWATCH_* environment, with the sender at the configured domain', () => {
    const functions = resources(monitor, 'AWS::Lambda::Function').filter((f) =>
      String(f.Properties.Description ?? '').match(/round|agency|agencies|digest|switch/i),
    );

    expect(functions).toHaveLength(5);
    for (const fn of functions) {
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(vars)).toEqual(expect.arrayContaining(REQUIRED_ENV));
      expect(vars.DVCWATCH_SENDER).toBe('dvcwatch@canhbao.example.vn');
      expect(vars.DVCWATCH_REGISTRY).toBe('registry/vietnam.yaml');
    }
  });

  it('sends email only from the mail function, draining a FIFO queue in batches at the configured SES rate; the deciders only queue', () => {
    const queues = monitor.findResources('AWS::SQS::Queue') as Record<string, Resource>;
    const [mailId] = Object.keys(queues).filter((id) => id.startsWith('MailQueue'));
    const mail = queues[mailId ?? ''];
    const fn = lambdaOf(monitor, 'Sends the queued emails at the SES send rate, in queue order, each at most once');
    const mailFnId = Object.entries(monitor.findResources('AWS::Lambda::Function')).find(([, r]) => r === fn)?.[0];
    const mapping = resources(monitor, 'AWS::Lambda::EventSourceMapping').find((m) =>
      JSON.stringify(m.Properties.FunctionName).includes(`"${mailFnId}"`),
    );
    const policies = resources(monitor, 'AWS::IAM::Policy');
    const sendsTo = (queueId: string) =>
      policies
        .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(`"${queueId}"`))
        .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('sqs:SendMessage'))
        .map((p) => JSON.stringify(p.Properties.Roles).match(/"(\w+?)ServiceRole/)?.[1])
        .sort();

    // One message group, FIFO: one batch at a time, in the order finalize queued the emails.
    expect(mail?.Properties).toMatchObject({ FifoQueue: true, RedrivePolicy: { maxReceiveCount: MAIL_MAX_RECEIVES } });
    expect(mail?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * MAIL_TIMEOUT_SECONDS);
    expect(mapping?.Properties).toMatchObject({ BatchSize: MAIL_BATCH_SIZE, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(fn.Properties.Timeout).toBe(MAIL_TIMEOUT_SECONDS);
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.DVCWATCH_SES_SEND_RATE).toBe('1');
    expect(sendsTo(mailId ?? '')).toEqual(['Digest', 'Finalize', 'Watchdog']);
  });
});

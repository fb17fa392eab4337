import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  LAB_MAX_CONCURRENCY,
  LAB_MAX_RECEIVES,
  LAB_SCHEDULE,
  LAB_TIMEOUT_SECONDS,
  LAB_VISIBILITY_SECONDS,
  Lab,
} from '../../stacks/Lab.js';
import { synth } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (t: Template, type: string): Resource[] => Object.values(t.findResources(type)) as Resource[];
const entries = (t: Template, type: string): [string, Resource][] =>
  Object.entries(t.findResources(type)) as [string, Resource][];

describe('Lab stack', () => {
  let lab: Template;
  beforeAll(async () => {
    lab = (await synth()).template(Lab);
  });

  const labFunction = () => {
    const fns = entries(lab, 'AWS::Lambda::Function').filter(([, f]) =>
      String(f.Properties.Description).startsWith('Ministry profile'),
    );
    expect(fns).toHaveLength(1);
    return fns[0]!;
  };
  const queues = () => {
    const all = entries(lab, 'AWS::SQS::Queue');
    const byPrefix = (p: string) => all.filter(([id]) => id.startsWith(p));
    expect(byPrefix('LabQueue')).toHaveLength(1);
    expect(byPrefix('LabDlq')).toHaveLength(1);
    return { queue: byPrefix('LabQueue')[0]!, dlq: byPrefix('LabDlq')[0]! };
  };

  it('runs the lab function on its own schedule, hourly in Vietnamese office hours (08:05–16:05 ICT)', () => {
    const rules = resources(lab, 'AWS::Events::Rule');
    const [fnId] = labFunction();

    expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual([LAB_SCHEDULE]);
    expect(LAB_SCHEDULE).toBe('cron(5 1-9 ? * * *)');
    // The schedule invokes the lab function itself: its scheduled event is the fan-out.
    expect(JSON.stringify(rules[0]?.Properties.Targets)).toContain(fnId);
  });

  it('gives Lighthouse one vCPU or more, a timeout for one agency and the table, with nothing of the hourly round', () => {
    const fn = labFunction()[1].Properties;

    expect(fn.MemorySize).toBeGreaterThanOrEqual(1769);
    expect(fn.Timeout).toBe(LAB_TIMEOUT_SECONDS);
    // Two pages × the 60 s Lighthouse limit and a Chromium launch fit; no longer the loop over every due agency.
    expect(LAB_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(2 * 60 + 60);
    expect(LAB_TIMEOUT_SECONDS).toBeLessThan(900);
    expect(Object.keys((fn.Environment as { Variables: Record<string, unknown> }).Variables)).toEqual(
      expect.arrayContaining(['DVCWATCH_TABLE', 'DVCWATCH_REGISTRY', 'DVCWATCH_SENDER', 'DVCWATCH_LAB_QUEUE_URL']),
    );
    expect(Object.keys((fn.Environment as { Variables: Record<string, unknown> }).Variables)).not.toContain('DVCWATCH_QUEUE_URL');
    // Its own lab queue and DLQ only: the probe's queues live in the Monitor stack.
    expect(resources(lab, 'AWS::SQS::Queue')).toHaveLength(2);
  });

  it('has a lab queue hiding a job 6× the function timeout, dead-lettered after three receives', () => {
    const { queue, dlq } = queues();
    const q = queue[1].Properties;

    expect(q.VisibilityTimeout).toBe(LAB_VISIBILITY_SECONDS);
    expect(q.VisibilityTimeout).toBeGreaterThanOrEqual(6 * LAB_TIMEOUT_SECONDS);
    expect(q.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq[0], 'Arn'] },
      maxReceiveCount: LAB_MAX_RECEIVES,
    });
    expect(LAB_MAX_RECEIVES).toBe(3);
    // A job that crashes every time reaches the DLQ before it expires.
    expect(q.MessageRetentionPeriod).toBeGreaterThan(LAB_MAX_RECEIVES * LAB_VISIBILITY_SECONDS);
    expect(dlq[1].Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    expect(q.SqsManagedSseEnabled).toBe(true);
  });

  it('takes the lab queue one agency per invocation, at most LAB_MAX_CONCURRENCY at once, with partial failures', () => {
    const [fnId] = labFunction();
    const { queue } = queues();
    const mappings = resources(lab, 'AWS::Lambda::EventSourceMapping');

    expect(mappings).toHaveLength(1);
    const m = mappings[0]!.Properties;
    expect(m).toMatchObject({
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: LAB_MAX_CONCURRENCY },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': [queue[0], 'Arn'] },
      FunctionName: { Ref: fnId },
    });
    expect(LAB_MAX_CONCURRENCY).toBe(10);
    // The sizing: an hour's ≈ 333 due agencies of 1,000 (3 runs a day over 9 hours) × 2 pages × 18 s fit in the hour.
    expect((1_000 / 3) * 2 * 18).toBeLessThan(LAB_MAX_CONCURRENCY * 3_600);
  });

  it('lets the lab function send to its own queue (the fan-out) and consume it', () => {
    const { queue } = queues();
    const statements = resources(lab, 'AWS::IAM::Policy').flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
    );
    const on = (action: string) =>
      statements.some((s) => [s.Action].flat().includes(action) && JSON.stringify(s.Resource).includes(queue[0]));

    expect(on('sqs:SendMessage')).toBe(true);
    expect(on('sqs:ReceiveMessage')).toBe(true);
    expect(on('sqs:DeleteMessage')).toBe(true);
  });
});

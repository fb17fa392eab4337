import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAB_SCHEDULE, LAB_TIMEOUT_SECONDS, Lab } from '../../stacks/Lab.js';
import { synth } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (t: Template, type: string): Resource[] => Object.values(t.findResources(type)) as Resource[];

describe('Lab stack', () => {
  let lab: Template;
  beforeAll(async () => {
    lab = (await synth()).template(Lab);
  });

  it('runs the lab function on its own schedule, hourly in Vietnamese office hours (08:05–16:05 ICT)', () => {
    const rules = resources(lab, 'AWS::Events::Rule').map((r) => r.Properties.ScheduleExpression);
    expect(rules).toEqual([LAB_SCHEDULE]);
    expect(LAB_SCHEDULE).toBe('cron(5 1-9 ? * * *)');
  });

  it('gives Lighthouse one vCPU or more, the longest timeout and the table, with nothing of the hourly round', () => {
    const fns = resources(lab, 'AWS::Lambda::Function').filter((f) =>
      String(f.Properties.Description).startsWith('Ministry profile'),
    );
    expect(fns).toHaveLength(1);
    const fn = fns[0]?.Properties ?? {};
    expect(fn.MemorySize).toBeGreaterThanOrEqual(1769);
    expect(fn.Timeout).toBe(LAB_TIMEOUT_SECONDS);
    expect(Object.keys((fn.Environment as { Variables: Record<string, unknown> }).Variables)).toEqual(
      expect.arrayContaining(['DVCWATCH_TABLE', 'DVCWATCH_REGISTRY', 'DVCWATCH_SENDER']),
    );
    expect(resources(lab, 'AWS::SQS::Queue')).toHaveLength(0);
  });
});

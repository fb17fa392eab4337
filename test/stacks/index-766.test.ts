import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EDITION_SCHEDULE, INDEX766_SCHEDULE, Index766 } from '../../stacks/Index766.js';
import { synth } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (t: Template, type: string): Resource[] => Object.values(t.findResources(type)) as Resource[];
const logicalIds = (t: Template, type: string): string[] => Object.keys(t.findResources(type));

describe('Index766 stack', () => {
  let t: Template;
  beforeAll(async () => {
    t = (await synth()).template(Index766);
  }, 120_000);

  it('imports the QĐ 766 index daily at 06:30 in Vietnam and writes the edition on the 1st at 07:00', () => {
    const rules = resources(t, 'AWS::Events::Rule').map((r) => r.Properties.ScheduleExpression);
    expect(rules.sort()).toEqual([EDITION_SCHEDULE, INDEX766_SCHEDULE].sort());
    // 23:30 UTC is 06:30 the next day in Asia/Ho_Chi_Minh (UTC+7); 00:00 UTC on the 1st is 07:00 on the 1st.
    expect(INDEX766_SCHEDULE).toBe('cron(30 23 * * ? *)');
    expect(EDITION_SCHEDULE).toBe('cron(0 0 1 * ? *)');
  });

  it('runs each as its own function with the table, and alarms the operators on any error of either', () => {
    const fns = resources(t, 'AWS::Lambda::Function').filter((f) =>
      /QĐ 766|Monthly edition/.test(String(f.Properties.Description)),
    );
    expect(fns).toHaveLength(2);
    for (const f of fns)
      expect(Object.keys((f.Properties.Environment as { Variables: Record<string, unknown> }).Variables)).toEqual(
        expect.arrayContaining(['DVCWATCH_TABLE', 'DVCWATCH_REGISTRY']),
      );
    const alarms = resources(t, 'AWS::CloudWatch::Alarm');
    const errors = alarms.filter((a) => a.Properties.MetricName === 'Errors');
    expect(errors).toHaveLength(2);
    for (const a of errors) {
      expect(a.Properties.Threshold).toBe(0);
      expect(a.Properties.ComparisonOperator).toBe('GreaterThanThreshold');
      expect(a.Properties.AlarmActions).toHaveLength(1);
    }
    expect(
      logicalIds(t, 'AWS::CloudWatch::Alarm')
        .sort()
        .map((id) => id.replace(/[0-9A-F]{8}$/, '')),
    ).toEqual(['Index766ImportErrors', 'MonthlyEditionErrors']);
  });
});

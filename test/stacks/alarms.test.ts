import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alarms, METRICS } from '../../stacks/Alarms.js';
import { Monitor } from '../../stacks/Monitor.js';
import { type Synthesized, synth } from './synth.js';

type Alarm = { Properties: Record<string, unknown> };
const alarmsOf = (t: Template): Record<string, Record<string, unknown>> =>
  Object.fromEntries(
    Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((a) => {
      const p = (a as Alarm).Properties;
      return [`${p.Namespace}/${p.MetricName}`, p];
    }),
  );

describe('Alarms stack', () => {
  let synthesized: Synthesized;
  beforeAll(async () => {
    vi.stubEnv('DVCWATCH_OPERATORS', 'ops@example.vn, oncall@example.vn');
    synthesized = await synth();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('subscribes every configured operator to the operators topic by email', () => {
    const alarms = synthesized.template(Alarms);
    const subscriptions = Object.values(alarms.findResources('AWS::SNS::Subscription')).map((s) => (s as Alarm).Properties);

    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([
      ['email', 'oncall@example.vn'],
      ['email', 'ops@example.vn'],
    ]);
  });

  it('alarms on a non-empty probe DLQ', () => {
    const alarms = alarmsOf(synthesized.template(Alarms));
    const dlq = alarms['AWS/SQS/ApproximateNumberOfMessagesVisible'];
    const queues = synthesized.template(Monitor).findResources('AWS::SQS::Queue');
    const [dlqId, ...others] = Object.keys(queues).filter((id) => !(queues[id] as Alarm).Properties.RedrivePolicy);

    expect(others).toHaveLength(0);
    expect(dlq).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    // The dimension is the DLQ's name, imported from the Monitor stack.
    expect(JSON.stringify(dlq?.Dimensions)).toMatch(new RegExp(`"QueueName".*${dlqId}`));
  });

  it('treats a missing RoundsCompleted metric as breaching over 2 hours', () => {
    const alarm = alarmsOf(synthesized.template(Alarms))[`${METRICS.namespace}/${METRICS.roundsCompleted}`];

    expect(alarm).toMatchObject({
      TreatMissingData: 'breaching',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      Dimensions: [{ Name: 'Stage', Value: 'test' }],
    });
    expect((alarm?.Period as number) * (alarm?.EvaluationPeriods as number)).toBe(2 * 3600);
  });

  it('alarms on incomplete rounds, an error share above 0.2 and SES bounce and complaint rates', () => {
    const alarms = alarmsOf(synthesized.template(Alarms));

    expect(alarms[`${METRICS.namespace}/${METRICS.roundIncomplete}`]).toMatchObject({ Threshold: 1 });
    expect(alarms[`${METRICS.namespace}/${METRICS.errorShare}`]).toMatchObject({
      Threshold: 0.2,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(alarms['AWS/SES/Reputation.BounceRate']).toMatchObject({
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(alarms['AWS/SES/Reputation.ComplaintRate']).toBeDefined();
  });

  it('sends every alarm and its recovery to the operators topic', () => {
    const alarms = synthesized.template(Alarms);
    const [topicId] = Object.keys(alarms.findResources('AWS::SNS::Topic'));
    const all = Object.values(alarmsOf(alarms));

    expect(all).toHaveLength(6);
    for (const alarm of all) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
  });
});

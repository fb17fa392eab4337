import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent } from '../../stacks/Agent.js';
import { Alarms, DURATION_SHARE_THRESHOLD, METRICS } from '../../stacks/Alarms.js';
import { Lab } from '../../stacks/Lab.js';
import { Monitor } from '../../stacks/Monitor.js';
import { type Synthesized, synth } from './synth.js';

type Props = Record<string, unknown>;
type Alarm = { Properties: Props };
/** Alarms by logical id (CDK appends a hash to the construct id). */
const alarmsById = (t: Template): Record<string, Props> =>
  Object.fromEntries(Object.entries(t.findResources('AWS::CloudWatch::Alarm')).map(([id, a]) => [id, (a as Alarm).Properties]));
const alarm = (t: Template, prefix: string): Props => {
  const found = Object.entries(alarmsById(t)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one alarm ${prefix}*, found ${found.length}`);
  return found[0]![1];
};
type MathMetric = { Id: string; Expression?: string; MetricStat?: { Metric: { Namespace: string; MetricName: string } } };

describe('Alarms stack', () => {
  let synthesized: Synthesized;
  let alarms: Template;
  beforeAll(async () => {
    vi.stubEnv('DVCWATCH_OPERATORS', 'ops@example.vn, oncall@example.vn');
    synthesized = await synth();
    alarms = synthesized.template(Alarms);
  });
  afterAll(() => vi.unstubAllEnvs());

  it('subscribes every configured operator to the operators topic by email', () => {
    const subscriptions = Object.values(alarms.findResources('AWS::SNS::Subscription')).map((s) => (s as Alarm).Properties);

    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([
      ['email', 'oncall@example.vn'],
      ['email', 'ops@example.vn'],
    ]);
  });

  it('alarms when new messages arrive in any dead-letter queue (probe, mail, agent, lab), and returns to OK when none do', () => {
    const queues = {
      ...synthesized.template(Monitor).findResources('AWS::SQS::Queue'),
      ...synthesized.template(Agent).findResources('AWS::SQS::Queue'),
      ...synthesized.template(Lab).findResources('AWS::SQS::Queue'),
    };
    const dlqIds = Object.values(queues).flatMap((q) => {
      const target = (q as { Properties: { RedrivePolicy?: { deadLetterTargetArn: { 'Fn::GetAtt': [string] } } } }).Properties
        .RedrivePolicy?.deadLetterTargetArn['Fn::GetAtt'][0];
      return target ? [target] : [];
    });

    expect(dlqIds).toHaveLength(4);
    for (const [prefix, dlqId] of [
      ['ProbeDlqReceived', dlqIds.find((id) => id.startsWith('ProbeDlq'))],
      ['MailDlqReceived', dlqIds.find((id) => id.startsWith('MailDlq'))],
      ['AgentDlqReceived', dlqIds.find((id) => id.startsWith('AgentDlq'))],
      ['LabDlqReceived', dlqIds.find((id) => id.startsWith('LabDlq'))],
    ] as const) {
      const dlq = alarm(alarms, prefix);
      const metrics = dlq.Metrics as MathMetric[];
      expect(dlqId).toBeDefined();
      expect(metrics.find((m) => m.Expression)?.Expression).toBe('DIFF(visible)');
      expect(metrics.find((m) => m.Id === 'visible')?.MetricStat?.Metric.MetricName).toBe('ApproximateNumberOfMessagesVisible');
      expect(dlq).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
      // The dimension is the DLQ's name, imported from the stack that owns it.
      expect(JSON.stringify(metrics)).toMatch(new RegExp(`"QueueName".*${dlqId}`));
    }
  });

  it('alarms when the agent took none of the jobs sent to it for two hours, and stays quiet while none are sent', () => {
    const liveness = alarm(alarms, 'AgentNotAnswering');
    const metrics = liveness.Metrics as MathMetric[];
    const [agentQueueId] = Object.keys(synthesized.template(Agent).findResources('AWS::SQS::Queue')).filter((id) =>
      id.startsWith('AgentQueue'),
    );

    expect(liveness).toMatchObject({
      TreatMissingData: 'notBreaching',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
    });
    expect(metrics.find((m) => m.Expression)?.Expression).toBe('IF(FILL(sent, 0) >= 1 AND FILL(taken, 0) < 1, 1, 0)');
    expect(metrics.find((m) => m.Id === 'sent')?.MetricStat?.Metric.MetricName).toBe('NumberOfMessagesSent');
    expect(metrics.find((m) => m.Id === 'taken')?.MetricStat?.Metric.MetricName).toBe('NumberOfMessagesDeleted');
    expect(JSON.stringify(metrics)).toMatch(new RegExp(`"QueueName".*${agentQueueId}`));
  });

  it('alarms on no completed round only after rounds were dispatched, so a fresh deploy stays quiet', () => {
    const noRound = alarm(alarms, 'NoRoundCompleted');
    const metrics = noRound.Metrics as MathMetric[];

    expect(noRound).toMatchObject({ TreatMissingData: 'notBreaching', EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 1 });
    expect(metrics.find((m) => m.Expression)?.Expression).toMatch(/FILL\(dispatched, 0\) >= 1 AND FILL\(completed, 0\) < 1/);
    expect(metrics.find((m) => m.Id === 'completed')?.MetricStat?.Metric).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: METRICS.roundsCompleted,
    });
    expect(metrics.find((m) => m.Id === 'dispatched')?.MetricStat?.Metric.MetricName).toBe('Invocations');
  });

  it('alarms on Errors, Throttles and a duration near the timeout of every function', () => {
    const monitor = {
      ...synthesized.template(Monitor).findResources('AWS::Lambda::Function'),
      // The lab function's NearTimeout follows its per-agency timeout (stacks/Lab.ts).
      ...synthesized.template(Lab).findResources('AWS::Lambda::Function'),
    };
    for (const name of ['Dispatch', 'Probe', 'Finalize', 'Digest', 'Watchdog', 'Mail', 'Lab', 'SesEvents']) {
      expect(alarm(alarms, `${name}Errors`)).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1 });
      expect(alarm(alarms, `${name}Throttles`)).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Threshold: 1 });
      const near = alarm(alarms, `${name}NearTimeout`);
      expect(near).toMatchObject({ MetricName: 'Duration', Statistic: 'Maximum', TreatMissingData: 'notBreaching' });
      const fnId = Object.keys(monitor).find((id) => id.startsWith(name));
      if (fnId) {
        const timeout = (monitor[fnId] as Alarm).Properties.Timeout as number;
        expect(near.Threshold).toBe(Math.round(DURATION_SHARE_THRESHOLD * timeout * 1000));
      }
    }
  });

  it('alarms on incomplete rounds, an error share above 0.2 and SES bounce and complaint rates', () => {
    const byMetric = Object.fromEntries(Object.values(alarmsById(alarms)).map((p) => [`${p.Namespace}/${p.MetricName}`, p]));

    expect(byMetric[`${METRICS.namespace}/${METRICS.roundIncomplete}`]).toMatchObject({ Threshold: 1 });
    expect(byMetric[`${METRICS.namespace}/${METRICS.errorShare}`]).toMatchObject({
      Threshold: 0.2,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(byMetric['AWS/SES/Reputation.BounceRate']).toMatchObject({
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(byMetric['AWS/SES/Reputation.ComplaintRate']).toBeDefined();
  });

  it('sends every alarm and its recovery to the operators topic', () => {
    const [topicId] = Object.keys(alarms.findResources('AWS::SNS::Topic'));
    const all = Object.values(alarmsById(alarms));

    // 4 DLQs, the agent's liveness, 5 round and SES alarms + 3 for each of the 8 functions.
    expect(all).toHaveLength(4 + 1 + 5 + 3 * 8);
    for (const a of all) {
      expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(a.OKActions).toEqual([{ Ref: topicId }]);
    }
  });
});

import { METRICS } from '@dvcwatch/core/metrics';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StackContext } from 'sst/constructs';
import { type Function as SstFunction, use } from 'sst/constructs';
import { Agent } from './Agent.js';
import { Email } from './Email.js';
import { Lab } from './Lab.js';
import { Monitor } from './Monitor.js';
import { readSettings } from './settings.js';

export { METRICS };

/** Above this share of `error` results the monitor itself is failing (not the portals). */
export const ERROR_SHARE_THRESHOLD = 0.2;
// AWS SES: accounts with a bounce rate of 5% or more are placed under review; 10% may pause sending
// (Amazon SES developer guide, "Sending review process FAQs").
export const BOUNCE_RATE_THRESHOLD = 0.05;
// Same source: a complaint rate of 0.1% or more leads to a review.
export const COMPLAINT_RATE_THRESHOLD = 0.001;
/** A function whose longest run passes this share of its timeout is about to time out (Duration alarm). */
export const DURATION_SHARE_THRESHOLD = 0.8;

/**
 * CloudWatch alarms on the round's health, every function and dead-letter queue, the agent's liveness and SES
 * reputation, sent to an operators SNS topic.
 */
export function Alarms({ stack, app }: StackContext) {
  const settings = readSettings();
  const monitor = use(Monitor);
  const agent = use(Agent);
  const { lab, dlq: labDlq } = use(Lab);
  const { sesEvents } = use(Email);

  const operators = new Topic(stack, 'Operators', { displayName: `dvcwatch ${app.stage}` });
  for (const address of settings.operators) operators.addSubscription(new EmailSubscription(address));
  const action = new SnsAction(operators);

  const custom = (metricName: string, statistic: string, period: Duration) =>
    new Metric({
      namespace: METRICS.namespace,
      metricName,
      dimensionsMap: { [METRICS.dimension]: app.stage },
      statistic,
      period,
    });
  const ses = (metricName: string) =>
    new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });

  const alarms = [
    // Every dead-letter queue: a job or an email that failed every receive is no longer retried by anyone.
    ...dlqAlarms(stack, {
      ProbeDlqReceived: { queue: monitor.dlq, what: 'probe jobs failed three times' },
      MailDlqReceived: { queue: monitor.mailDlq, what: 'emails could not be sent after every retry' },
      AgentDlqReceived: { queue: agent.dlq, what: 'agent confirmation jobs failed three times' },
      LabDlqReceived: { queue: labDlq, what: 'lab jobs (Lighthouse on one agency) failed three times' },
    }),
    // The agent is alive when it takes its jobs: the probe sent jobs to its queue, two hours running, and none was
    // taken off it (an agent deletes each job it handled). A quiet queue (no `down` anywhere) never alarms.
    new Alarm(stack, 'AgentNotAnswering', {
      alarmDescription: 'Confirmation jobs were sent to the agent for 2 hours and it took none: is the agent running?',
      metric: new MathExpression({
        expression: 'IF(FILL(sent, 0) >= 1 AND FILL(taken, 0) < 1, 1, 0)',
        usingMetrics: {
          sent: agent.queue.metricNumberOfMessagesSent({ statistic: 'Sum', period: Duration.hours(1) }),
          taken: agent.queue.metricNumberOfMessagesDeleted({ statistic: 'Sum', period: Duration.hours(1) }),
        },
        period: Duration.hours(1),
        label: 'agent jobs sent, none taken',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    // Rounds were dispatched but none completed, two hours running. On a fresh deploy nothing is dispatched yet,
    // so nothing breaches; a schedule that stopped dispatching is the watchdog's (and dispatch's Errors alarm's).
    new Alarm(stack, 'NoRoundCompleted', {
      alarmDescription: 'Rounds were dispatched but none completed for 2 hours',
      metric: new MathExpression({
        expression: 'IF(FILL(dispatched, 0) >= 1 AND FILL(completed, 0) < 1, 1, 0)',
        usingMetrics: {
          dispatched: monitor.dispatch.metricInvocations({ statistic: 'Sum' }),
          completed: custom(METRICS.roundsCompleted, 'Sum', Duration.hours(1)),
        },
        period: Duration.hours(1),
        label: 'dispatched without a completed round',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(stack, 'RoundIncomplete', {
      alarmDescription: 'A round reached its deadline with agencies missing (recorded as error)',
      metric: custom(METRICS.roundIncomplete, 'Maximum', Duration.hours(1)),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(stack, 'HighErrorShare', {
      alarmDescription: `More than ${ERROR_SHARE_THRESHOLD * 100}% of results are monitor errors`,
      metric: custom(METRICS.errorShare, 'Maximum', Duration.hours(1)),
      threshold: ERROR_SHARE_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(stack, 'SesBounceRate', {
      alarmDescription: 'SES bounce rate above 5%: check the agency heads in the registry',
      metric: ses('Reputation.BounceRate'),
      threshold: BOUNCE_RATE_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(stack, 'SesComplaintRate', {
      alarmDescription: 'SES complaint rate above 0.1%',
      metric: ses('Reputation.ComplaintRate'),
      threshold: COMPLAINT_RATE_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    ...functionAlarms(stack, {
      Dispatch: monitor.dispatch,
      Probe: monitor.probe,
      Finalize: monitor.finalize,
      Digest: monitor.digest,
      Watchdog: monitor.watchdog,
      Mail: monitor.mail,
      Lab: lab,
      SesEvents: sesEvents,
    }),
  ];
  for (const alarm of alarms) {
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }

  stack.addOutputs({ OperatorsTopic: operators.topicArn });
  return { operators, alarms };
}

/**
 * One alarm per dead-letter queue. A redriven message is not counted by NumberOfMessagesSent (SQS developer guide,
 * "Available CloudWatch metrics"): alarm when the DLQ's visible count grows, so every new failure notifies, and
 * the alarm returns to OK by itself once nothing new arrives (an old message left in the DLQ does not keep it red).
 */
function dlqAlarms(stack: StackContext['stack'], queues: Record<string, { queue: IQueue; what: string }>): Alarm[] {
  return Object.entries(queues).map(
    ([id, { queue, what }]) =>
      new Alarm(stack, id, {
        alarmDescription: `New messages in a dead-letter queue: ${what}`,
        metric: new MathExpression({
          expression: 'DIFF(visible)',
          usingMetrics: { visible: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }) },
          period: Duration.minutes(5),
          label: 'new DLQ messages',
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
  );
}

/** Errors, Throttles and a Duration near the timeout, for each function (5-minute periods, missing data = fine). */
function functionAlarms(stack: StackContext['stack'], functions: Record<string, SstFunction>): Alarm[] {
  const period = Duration.minutes(5);
  return Object.entries(functions).flatMap(([name, fn]) => {
    const timeoutMs = (fn.timeout?.toSeconds() ?? 0) * 1000;
    const common = {
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    };
    return [
      new Alarm(stack, `${name}Errors`, {
        ...common,
        alarmDescription: `${name} failed (an invocation threw or timed out)`,
        metric: fn.metricErrors({ statistic: 'Sum', period }),
        threshold: 1,
      }),
      new Alarm(stack, `${name}Throttles`, {
        ...common,
        alarmDescription: `${name} was throttled (account concurrency exhausted)`,
        metric: fn.metricThrottles({ statistic: 'Sum', period }),
        threshold: 1,
      }),
      new Alarm(stack, `${name}NearTimeout`, {
        ...common,
        alarmDescription: `${name} ran longer than ${DURATION_SHARE_THRESHOLD * 100}% of its ${timeoutMs / 1000} s timeout`,
        metric: fn.metricDuration({ statistic: 'Maximum', period }),
        threshold: Math.round(DURATION_SHARE_THRESHOLD * timeoutMs),
      }),
    ];
  });
}

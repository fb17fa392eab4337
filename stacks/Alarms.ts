import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { StackContext } from 'sst/constructs';
import { use } from 'sst/constructs';
import { Monitor } from './Monitor.js';
import { readSettings } from './settings.js';

/**
 * Custom metrics the functions emit with CloudWatch Embedded Metric Format (a JSON log line with an
 * `_aws.CloudWatchMetrics` block; no PutMetricData permission needed). Namespace `dvcwatch`, one
 * dimension `Stage` (the SST stage, in `DVCWATCH_STAGE`), emitted by finalize once per round:
 * - `RoundsCompleted` (Count): 1 when a round is finalized, whatever its results.
 * - `RoundIncomplete` (Count): 1 when finalize had to record missing agencies as `error`, else 0.
 * - `ErrorShare` (None): results with status `error` divided by agencies in the round, 0–1.
 */
export const METRICS = {
  namespace: 'dvcwatch',
  dimension: 'Stage',
  roundsCompleted: 'RoundsCompleted',
  roundIncomplete: 'RoundIncomplete',
  errorShare: 'ErrorShare',
} as const;

/** Above this share of `error` results the monitor itself is failing (not the portals). */
export const ERROR_SHARE_THRESHOLD = 0.2;
// AWS SES: accounts with a bounce rate of 5% or more are placed under review; 10% may pause sending
// (Amazon SES developer guide, "Sending review process FAQs").
export const BOUNCE_RATE_THRESHOLD = 0.05;
// Same source: a complaint rate of 0.1% or more leads to a review.
export const COMPLAINT_RATE_THRESHOLD = 0.001;

/** CloudWatch alarms on the round's health and SES reputation, sent to an operators SNS topic. */
export function Alarms({ stack, app }: StackContext) {
  const settings = readSettings();
  const { dlq } = use(Monitor);

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
    new Alarm(stack, 'ProbeDlqNotEmpty', {
      alarmDescription: 'Probe jobs failed three times and sit in the dead-letter queue',
      metric: dlq.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(stack, 'NoRoundCompleted', {
      alarmDescription: 'No round completed in the last 2 hours (missing data counts as breaching)',
      metric: custom(METRICS.roundsCompleted, 'Sum', Duration.hours(1)),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.BREACHING,
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
  ];
  for (const alarm of alarms) {
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }

  stack.addOutputs({ OperatorsTopic: operators.topicArn });
  return { operators, alarms };
}

import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A job queue with its dead-letter queue, as the probe and the lab use them (`<name>Queue`, `<name>Dlq`). The
 * visibility timeout is the caller's (AWS Lambda developer guide: at least six times the consuming function's
 * timeout, so a job is not handed out again while a throttled or retried invocation still holds it). Its retention
 * is long enough for a job that crashes every time (each receive then waits the whole visibility timeout) to reach
 * the dead-letter queue, where its alarm sees it, instead of expiring unseen.
 */
export function jobQueue(
  scope: Construct,
  name: string,
  o: { visibilitySeconds: number; maxReceives: number },
): { queue: Queue; dlq: Queue } {
  const dlq = new Queue(scope, `${name}Dlq`, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new Queue(scope, `${name}Queue`, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(o.visibilitySeconds),
    retentionPeriod: Duration.seconds(o.maxReceives * o.visibilitySeconds + 3_600),
    deadLetterQueue: { queue: dlq, maxReceiveCount: o.maxReceives },
  });
  return { queue, dlq };
}

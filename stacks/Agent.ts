import { Duration } from 'aws-cdk-lib';
import { Effect, ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { type StackContext, use } from 'sst/constructs';
import { Data } from './Data.js';

/** Partition prefix of vantage observations (packages/store/src/keys.ts VANTAGE_PK_PREFIX; stacks import no package). */
export const VANTAGE_PK_PREFIX = 'v1#vantage#';

/** Receives before an agent job goes to the dead-letter queue. */
export const AGENT_MAX_RECEIVES = 3;

/**
 * The confirming vantages that run outside AWS (`dvcwatch agent` on a small VM in a Vietnamese network): their
 * own job queue (+ DLQ), and a managed policy with exactly what an agent needs: take jobs from that queue, and
 * write (and read back) vantage observations, nothing else in the table. Attach the policy to the agent's role or
 * user (IAM Roles Anywhere, or an access key kept on the VM); the probe Lambda sends the jobs (Monitor.ts).
 */
export function Agent({ stack }: StackContext) {
  const { table } = use(Data);
  const dlq = new Queue(stack, 'AgentDlq', {
    encryption: QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(4),
  });
  const queue = new Queue(stack, 'AgentQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    // A job is worthless after its round's deadline (minute 50): an agent away for an hour finds nothing stale.
    retentionPeriod: Duration.hours(1),
    // One home page with its re-probes takes at most about a minute.
    visibilityTimeout: Duration.seconds(180),
    deadLetterQueue: { queue: dlq, maxReceiveCount: AGENT_MAX_RECEIVES },
  });
  const policy = new ManagedPolicy(stack, 'AgentPolicy', {
    description: 'dvcwatch agent: take confirmation jobs, write vantage observations',
    statements: [
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        resources: [queue.queueArn],
      }),
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:PutItem', 'dynamodb:GetItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${VANTAGE_PK_PREFIX}*`] } },
      }),
    ],
  });
  stack.addOutputs({ AgentQueueUrl: queue.queueUrl, AgentDlqUrl: dlq.queueUrl, AgentPolicyArn: policy.managedPolicyArn });
  return { queue, dlq, policy };
}

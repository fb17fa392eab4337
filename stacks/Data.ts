import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { StackContext } from 'sst/constructs';

/** Screenshots are evidence for an incident; 90 days covers an incident's life and a quarterly review. */
export const EVIDENCE_EXPIRY_DAYS = 90;

/** Whether a stage keeps its data when the stack is removed. */
export const isRetained = (stage: string): boolean => stage === 'prod';

/**
 * Results, rounds and incident state in one table. (The evidence bucket lives in the Site stack: CloudFront
 * serves it under `evidence/*`, and a bucket policy for Origin Access Control must sit beside the distribution.)
 *
 * No GSI: every read is keyed by an agency id (taken from the registry) or a round id, so no query spans
 * partitions; a GSI would double the write cost of every result for nothing.
 */
export function Data({ stack, app }: StackContext) {
  const removalPolicy = isRetained(app.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

  const table = new Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
    // About 1,500 writes an hour: on-demand is cheaper than any provisioned minimum and needs no tuning.
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Runtime code writes `expiresAt` (epoch seconds); dynalite has no TTL API, so the stack owns TTL.
    timeToLiveAttribute: 'expiresAt',
    removalPolicy,
  });

  stack.addOutputs({ TableName: table.tableName });
  return { table };
}

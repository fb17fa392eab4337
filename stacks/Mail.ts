import { Duration, type Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Function as SstFunction } from 'sst/constructs';
import type { Settings } from './settings.js';

/** Emails handed to the mail function at once (the most a FIFO event source takes). */
export const MAIL_BATCH_SIZE = 10;
/** Receives before an email goes to the mail DLQ (SES away for a while is retried this many times). */
export const MAIL_MAX_RECEIVES = 10;

/**
 * Seconds one mail invocation may take: a batch at the slowest rate (1 a second), each email's SES retries
 * (5 attempts, backoff up to 7.5 s), and the claim and record writes: 120 s.
 */
export const MAIL_TIMEOUT_SECONDS = 120;

/**
 * The mail queue and its function: every email (alerts, operators, digest) is queued by the function that decides it
 * (functions/shared/mail-queue.ts) and sent here at SES's rate. A FIFO queue with one message group hands out one
 * batch at a time, in queue order: however many event source pollers run, one invocation sends, so the Mailer's gap
 * between sends is the account's rate (`DVCWATCH_SES_SEND_RATE`, or GetSendQuota's MaxSendRate) with no reserved
 * concurrency (which a new account's limit of 10 could not spare).
 */
export function mailQueue(
  stack: Stack,
  o: {
    settings: Settings;
    table: Table;
    environment: Record<string, string>;
    grantSend: (fn: SstFunction) => void;
  },
) {
  const dlq = new Queue(stack, 'MailDlq', {
    fifo: true,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new Queue(stack, 'MailQueue', {
    fifo: true,
    contentBasedDeduplication: false,
    deduplicationScope: DeduplicationScope.QUEUE,
    fifoThroughputLimit: FifoThroughputLimit.PER_QUEUE,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // Six times the function's timeout (AWS Lambda developer guide, "Using Lambda with Amazon SQS").
    visibilityTimeout: Duration.seconds(6 * MAIL_TIMEOUT_SECONDS),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: dlq, maxReceiveCount: MAIL_MAX_RECEIVES },
  });
  const fn = new SstFunction(stack, 'Mail', {
    handler: 'functions/mail.handler',
    description: 'Sends the queued emails at the SES send rate, in queue order, each at most once',
    timeout: MAIL_TIMEOUT_SECONDS,
    memorySize: 512,
    // It reads no registry: everything it needs is in the message.
    environment: { ...o.environment, DVCWATCH_SES_SEND_RATE: String(o.settings.sesSendRate) },
  });
  fn.addEventSource(new SqsEventSource(queue, { batchSize: MAIL_BATCH_SIZE, reportBatchItemFailures: true }));
  o.table.grantReadWriteData(fn);
  o.grantSend(fn);
  // GetSendQuota names no resource (SES API permissions reference).
  fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] }));
  return { queue, dlq, fn };
}

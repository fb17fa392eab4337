import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LocalFunction } from './lambda-functions.js';

export interface MappingOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  /** From the template's AWS::Lambda::EventSourceMapping. */
  batchSize: number;
  maxConcurrency: number;
  reportBatchItemFailures: boolean;
}

/**
 * The Lambda SQS event source mapping as the Lambda developer guide describes it ("Using Lambda with Amazon SQS"):
 * pollers receive up to `batchSize` messages, invoke the function synchronously with an SQS event, and delete the
 * messages it processed. With `ReportBatchItemFailures` the function's `batchItemFailures` stay in the queue and the
 * rest are deleted; an invocation error (a throw, a timeout, a crash) leaves the whole batch, which SQS offers
 * again after its visibility timeout (and dead-letters after maxReceiveCount). At most `maxConcurrency` invocations
 * run at once.
 */
export class EventSourceMapping {
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly o: MappingOptions,
    private readonly fn: LocalFunction,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.o.maxConcurrency }, () => this.poll());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const out = await this.o.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.o.queueUrl,
          MaxNumberOfMessages: this.o.batchSize,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const event: SQSEvent = {
        Records: messages.map((m) => ({
          messageId: m.MessageId ?? '',
          receiptHandle: m.ReceiptHandle ?? '',
          body: m.Body ?? '',
          attributes: m.Attributes as SQSEvent['Records'][number]['attributes'],
          messageAttributes: {},
          md5OfBody: m.MD5OfBody ?? '',
          eventSource: 'aws:sqs',
          eventSourceARN: this.o.queueArn,
          awsRegion: 'ap-southeast-1',
        })),
      };
      const outcome = await this.fn.invoke(event);
      if (!outcome.ok) continue;
      const failed = this.failedIds(event, outcome.result);
      const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
      if (done.length > 0)
        await this.o.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.o.queueUrl,
            Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
          }),
        );
    }
  }

  /** The records to keep: those reported failed; all of them when the response names an unknown record. */
  private failedIds(event: SQSEvent, result: unknown): Set<string> {
    const ids = event.Records.map((r) => r.messageId);
    if (!this.o.reportBatchItemFailures) return new Set();
    const failures = (result as SQSBatchResponse | null)?.batchItemFailures ?? [];
    if (failures.some((f) => !ids.includes(f.itemIdentifier))) return new Set(ids);
    return new Set(failures.map((f) => f.itemIdentifier));
  }
}

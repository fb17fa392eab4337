import { jsonLogger, type Logger, runAgencyPool } from '@dvcwatch/runner';
import middy, { type MiddyfiedHandler } from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

const logFor = (name: string, context: Context) => jsonLogger({ fn: name, requestId: context.awsRequestId });

/** The one place middleware is composed, handler last: structured JSON logs; errors logged, then rethrown. */
export function withMiddleware<E, R>(
  name: string,
  handler: (event: E, log: Logger, context: Context) => Promise<R>,
): MiddyfiedHandler<E, R> {
  return middy<E, R>()
    .onError((request) => {
      logFor(name, request.context).error('handler failed', {
        error: request.error instanceof Error ? request.error.stack : String(request.error),
      });
    })
    .handler((event, context) => handler(event, logFor(name, context), context));
}

/**
 * An SQS consumer with partial batch failures: each record is processed on its own; a failed record is
 * reported back (`batchItemFailures`) and retried by SQS, then dead-lettered after the queue's max receives.
 * Records run through the runner's agency pool, `concurrency` at a time (the probe: several agencies per
 * invocation, each waiting on its portals while the others work; see docs/cost.md).
 */
export function withSqsBatch(
  name: string,
  processRecord: (record: SQSRecord, log: Logger, context: Context) => Promise<void>,
  concurrency: () => number = () => Number.POSITIVE_INFINITY,
): MiddyfiedHandler<SQSEvent, SQSBatchResponse> {
  return middy<SQSEvent, SQSBatchResponse>()
    .use(sqsPartialBatchFailure())
    .handler(async (event, context) => {
      const log = logFor(name, context);
      const settled = await runAgencyPool(event.Records, Math.min(event.Records.length, concurrency()), (record) =>
        processRecord(record, log.child({ messageId: record.messageId }), context).catch((e: unknown) => {
          log.error('record failed', { messageId: record.messageId, error: e instanceof Error ? e.stack : String(e) });
          throw e;
        }),
      );
      // The middleware turns rejected entries into batchItemFailures.
      return settled as unknown as SQSBatchResponse;
    });
}

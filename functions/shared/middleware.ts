import { jsonLogger, type Logger } from '@dvcwatch/runner';
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
 * Further records an SQS consumer takes from its own queue while places in its pool free up (the probe: issue 21,
 * no invocation idles while its last agency waits on a slow portal). `take` gives a record or null (no time left,
 * queue empty); `settle` deletes a record that succeeded, or leaves a failed one to the queue's redrive.
 */
export interface MoreRecords {
  take(context: Context): Promise<SQSRecord | null>;
  settle(record: SQSRecord, ok: boolean): Promise<void>;
}

/**
 * An SQS consumer with partial batch failures: each record is processed on its own; a failed record is
 * reported back (`batchItemFailures`) and retried by SQS, then dead-lettered after the queue's max receives.
 * Records run `concurrency` at a time (the probe: several agencies per invocation, each waiting on its portals while
 * the others work; see docs/cost.md). With `more`, a place freed once the batch is started takes further records
 * from the queue itself, as long as `more.take` gives one.
 */
export function withSqsBatch(
  name: string,
  processRecord: (record: SQSRecord, log: Logger, context: Context) => Promise<void>,
  concurrency: () => number = () => Number.POSITIVE_INFINITY,
  more: MoreRecords | null = null,
): MiddyfiedHandler<SQSEvent, SQSBatchResponse> {
  return middy<SQSEvent, SQSBatchResponse>()
    .use(sqsPartialBatchFailure())
    .handler(async (event, context) => {
      const log = logFor(name, context);
      const run = (record: SQSRecord) =>
        processRecord(record, log.child({ messageId: record.messageId }), context).catch((e: unknown) => {
          log.error('record failed', { messageId: record.messageId, error: e instanceof Error ? e.stack : String(e) });
          throw e;
        });
      // With further records to take, every place stays open past the batch; without, no more places than records.
      const wanted = more ? concurrency() : Math.min(concurrency(), event.Records.length);
      const places = Math.max(1, Number.isFinite(wanted) ? wanted : event.Records.length);
      const settled: PromiseSettledResult<void>[] = new Array(event.Records.length);
      let next = 0;
      let taken = 0;
      const place = async (): Promise<void> => {
        for (;;) {
          if (next < event.Records.length) {
            const i = next++;
            settled[i] = await run(event.Records[i]!).then(
              (value) => ({ status: 'fulfilled', value }) as const,
              (reason: unknown) => ({ status: 'rejected', reason }) as const,
            );
            continue;
          }
          const record = more ? await more.take(context).catch(() => null) : null;
          if (!record) return;
          taken++;
          const ok = await run(record).then(
            () => true,
            () => false,
          );
          await more?.settle(record, ok).catch((e: unknown) => log.warn('could not settle a taken record', { error: String(e) }));
        }
      };
      await Promise.all(Array.from({ length: places }, place));
      if (taken > 0) log.info('took further records from the queue', { batch: event.Records.length, taken });
      // The middleware turns rejected entries into batchItemFailures.
      return settled as unknown as SQSBatchResponse;
    });
}

import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { dispatchRound, type JobQueue } from '@dvcwatch/runner';
import { DispatchJobs } from '@dvcwatch/store';
import type { ScheduledEvent } from 'aws-lambda';
import { env } from './shared/env.js';
import { roundOf } from './shared/jobs.js';
import { withMiddleware } from './shared/middleware.js';
import { awsClients, runnerDeps } from './shared/services.js';

const sqs = new SQSClient({});

/** The probe queue through SQS SendMessageBatch (at most 10 entries; `Id` is the entry's index). */
const sqsQueue = (queueUrl: string): JobQueue => ({
  async send(jobs) {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: jobs.map((job, i) => ({ Id: String(i), MessageBody: JSON.stringify(job) })),
      }),
    );
    const agencyOf = (id: string | undefined) => jobs[Number(id)]?.agencyId ?? '?';
    return {
      queued: (out.Successful ?? []).map((s) => ({ agencyId: agencyOf(s.Id), messageId: s.MessageId ?? '' })),
      failed: (out.Failed ?? []).map((f) => ({ agencyId: agencyOf(f.Id), reason: `${f.Code}: ${f.Message ?? ''}` })),
    };
  },
});

/**
 * Hourly (EventBridge): records the round with its expected agencies and queues one probe job per agency. Resumable:
 * a second delivery of the event, or EventBridge's retry after a failure, queues only the missing jobs.
 */
export const handler = withMiddleware('dispatch', async (event: ScheduledEvent, log, context) => {
  const e = env();
  if (!e.DVCWATCH_QUEUE_URL) throw new Error('DVCWATCH_QUEUE_URL is not set');
  const at = roundOf(event.time);
  const deps = await runnerDeps(log.child({ at }));
  return dispatchRound(deps, new DispatchJobs(awsClients().dynamo, e.DVCWATCH_TABLE), sqsQueue(e.DVCWATCH_QUEUE_URL), {
    at,
    owner: context.awsRequestId,
    // The function's whole time: a dispatch that crashed (or timed out) holds no claim past its own end.
    leaseMs: context.getRemainingTimeInMillis(),
    now: Date.now,
  });
});

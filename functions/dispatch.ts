import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import { env } from './shared/env.js';
import { roundOf } from './shared/jobs.js';
import { withMiddleware } from './shared/middleware.js';
import { runnerDeps } from './shared/services.js';

const sqs = new SQSClient({});

/** Hourly (EventBridge): records the round with its expected agencies, then queues one probe job per agency. */
export const handler = withMiddleware('dispatch', async (event: ScheduledEvent, log) => {
  const e = env();
  if (!e.DVCWATCH_QUEUE_URL) throw new Error('DVCWATCH_QUEUE_URL is not set');
  const at = roundOf(event.time);
  const deps = await runnerDeps(log.child({ at }));
  const ids = deps.registry.agencies.map((a) => a.id);
  const fresh = await deps.store.startRound({
    at,
    startedAt: new Date().toISOString(),
    expected: ids,
    done: [],
    finishedAt: null,
    trigger: 'schedule',
  });
  if (!fresh) {
    // EventBridge delivers at least once: a second delivery for the same hour queues nothing.
    log.warn('round already dispatched', { at });
    return { at, queued: 0 };
  }
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: e.DVCWATCH_QUEUE_URL,
        Entries: batch.map((agencyId, j) => ({ Id: String(j), MessageBody: JSON.stringify({ agencyId, at }) })),
      }),
    );
    if (out.Failed?.length)
      throw new Error(`SQS refused ${out.Failed.length} jobs: ${out.Failed.map((f) => f.Message).join('; ')}`);
  }
  log.info('round dispatched', { at, agencies: ids.length });
  return { at, queued: ids.length };
});

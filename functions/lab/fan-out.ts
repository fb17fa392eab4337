import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type Agency, labDue, type Registry } from '@dvcwatch/core';
import type { ScheduledEvent } from 'aws-lambda';
import { env } from '../shared/env.js';
import { roundOf } from '../shared/jobs.js';
import { withMiddleware } from '../shared/middleware.js';
import { awsClients, registryFor } from '../shared/services.js';
import { LabJob } from './lab-job.js';

/** SQS takes at most 10 entries in one SendMessageBatch (SQS API reference). */
const SQS_BATCH_ENTRIES = 10;

/** The agencies whose lab hour `at` is: core/lab-schedule.ts's rule, the one runLabPhase's `schedule` mode applies. */
export const dueAgencies = (registry: Registry, at: string): Agency[] =>
  registry.agencies.filter((a) => labDue(a.id, at, registry.probe.labRunsPerDay));

/** The entries SQS refused, by agency, with its reason. */
type Refused = { job: LabJob; reason: string }[];

/** Sends the jobs ten to a SendMessageBatch (`Id` is the entry's index in its group); returns the refused entries. */
async function sendBatches(sqs: SQSClient, queueUrl: string, jobs: LabJob[]): Promise<Refused> {
  const refused: Refused = [];
  for (let i = 0; i < jobs.length; i += SQS_BATCH_ENTRIES) {
    const group = jobs.slice(i, i + SQS_BATCH_ENTRIES);
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: group.map((job, k) => ({ Id: String(k), MessageBody: JSON.stringify(job) })),
      }),
    );
    for (const f of out.Failed ?? []) {
      const job = group[Number(f.Id)];
      if (job) refused.push({ job, reason: `${f.Code}: ${f.Message ?? ''}` });
    }
  }
  return refused;
}

/**
 * The lab's hourly schedule (EventBridge): decides which agencies are due this hour and queues one LabJob each on the
 * lab queue, where the same function takes them one agency per invocation (functions/lab/lab-consumer.ts). Entries
 * SQS refused are sent once more; any still refused fail the invocation (the Lab Errors alarm), as a silent gap would
 * cost those agencies their run. EventBridge's retry then queues the whole hour again: a duplicate is one more run in
 * the agency's day, whose median absorbs it, where a missing run would not be noticed at all.
 */
export const labFanOut = withMiddleware('lab', async (event: ScheduledEvent, log) => {
  const e = env();
  const url = e.DVCWATCH_LAB_QUEUE_URL;
  if (!url) throw new Error('DVCWATCH_LAB_QUEUE_URL is not set');
  const at = roundOf(event.time);
  const registry = await registryFor(e);
  const jobs = dueAgencies(registry, at).map((a) => LabJob.parse({ agencyId: a.id, at }));
  const { sqs } = awsClients();
  const retry = (await sendBatches(sqs, url, jobs)).map((r) => r.job);
  const refused = retry.length ? await sendBatches(sqs, url, retry) : [];
  if (refused.length) {
    throw new Error(`lab jobs refused by SQS: ${refused.map((r) => `${r.job.agencyId} (${r.reason})`).join(', ')}`);
  }
  log.info('lab hour queued', { at, queued: jobs.length });
  return { at, queued: jobs.map((j) => j.agencyId) };
});
